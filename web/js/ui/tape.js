// Trade tape: the latest trades of a symbol, newest first.

import { format_cents, format_shares } from '../lib/money.js';
import { ns_to_seconds } from '../lib/candles.js';
import { h } from './dom.js';

/// Mounts the tape into root; returns the unmount function.
export function mount_tape(root, ctx, symbol, { rows = 50 } = {}) {
  const body = h('tbody');
  root.append(h('div', { class: 'tape' }, h('table', { class: 'table table-sm mb-0', dataset: { testid: 'trade-tape' } },
    h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', { class: 'num' }, 'Price'), h('th', { class: 'num' }, 'Size'))), body)));

  const add = (t) => {
    const time = new Date(ns_to_seconds(t.time) * 1000).toLocaleTimeString([], { hour12: false });
    const buy = (t.aggressor ?? t.side ?? 'BUY').toUpperCase() === 'BUY';
    body.prepend(h('tr', { dataset: { testid: 'trade-row' } }, h('td', {}, time),
      h('td', { class: `num ${buy ? 'up' : 'down'}` }, format_cents(t.price)), h('td', { class: 'num' }, format_shares(t.qty ?? t.quantity))));
    while (body.children.length > rows) body.lastChild.remove();
  };
  return ctx.ws.subscribe(`trades.${symbol}`, (msg) => {
    const list = Array.isArray(msg.data) ? msg.data : [msg.data];
    if (msg.type === 'snapshot') body.replaceChildren();
    const ordered = msg.type === 'snapshot' ? [...list].sort((a, b) => Number(a.time) - Number(b.time)) : list;
    for (const t of ordered) if (t) add(t);
  });
}
