// Instrument list with last price, change from the reference price and day volume (ticker channel).

import { format_cents, format_shares, price_change, format_change } from '../lib/money.js';
import { h, fill } from './dom.js';

/// Mounts the list; on_pick(symbol) on click or Enter. Returns the unmount function.
export function mount_instrument_list(root, ctx, active, on_pick) {
  const body = h('tbody');
  root.append(h('div', { class: 'table-scroll' }, h('table', { class: 'table table-sm table-hover mb-0', dataset: { testid: 'instrument-list' } },
    h('thead', {}, h('tr', {}, h('th', {}, 'Symbol'), h('th', { class: 'num' }, 'Last'), h('th', { class: 'num' }, 'Change'),
      h('th', { class: 'num d-none d-sm-table-cell d-lg-none d-xxl-table-cell' }, 'Volume'))), body)));

  function render() {
    const symbols = new Set([...ctx.market.instruments.keys(), ...ctx.market.tickers.keys()]);
    fill(body, [...symbols].sort().map((symbol) => {
      const inst = ctx.market.instruments.get(symbol) ?? {};
      const t = ctx.market.tickers.get(symbol) ?? {};
      const last = t.last ?? t.last_price ?? null;
      const change = price_change(last, t.reference_price ?? t.open ?? inst.reference_price);
      return h('tr', { class: `instrument-row${symbol === active ? ' active' : ''}`, tabindex: '0', dataset: { symbol, testid: 'instrument-row' },
        onclick: () => on_pick(symbol), onkeydown: (e) => { if (e.key === 'Enter') on_pick(symbol); } },
      h('td', {}, h('span', { class: 'fw-semibold' }, symbol), inst.halted ? h('span', { class: 'badge text-bg-danger ms-1' }, 'halted') : null,
        h('div', { class: 'small text-body-secondary text-truncate', style: { maxWidth: '10rem' } }, inst.name ?? '')),
      h('td', { class: 'num', dataset: { testid: 'last' } }, last === null ? '—' : format_cents(last)),
      h('td', { class: `num ${change.direction}` }, last === null ? '' : format_change(change)),
      h('td', { class: 'num d-none d-sm-table-cell d-lg-none d-xxl-table-cell' }, format_shares(t.volume ?? t.day_volume ?? 0)));
    }));
  }
  render();
  return ctx.market.on_change(render);
}
