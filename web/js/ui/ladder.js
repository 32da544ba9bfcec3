// Order book ladder with depth bars and the spread; a click on a level picks its price.

import { ladder_rows } from '../lib/book.js';
import { format_cents, format_shares } from '../lib/money.js';
import { h, fill } from './dom.js';

/// Returns {el, render(book)}; on_pick(price) when a level is chosen (click or Enter).
export function create_ladder({ depth = 12, on_pick = () => {}, mine = () => new Set() } = {}) {
  const body = h('tbody');
  const el = h('table', { class: 'table table-sm ladder mb-0', dataset: { testid: 'book-ladder' } },
    h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Price'), h('th', { class: 'num' }, 'Size'), h('th', { class: 'num' }, 'Total'))),
    body);

  function row(level, kind, own) {
    return h('tr', { class: kind, tabindex: '0', dataset: { price: String(level.price), testid: `${kind}-level` },
      onclick: () => on_pick(level.price), onkeydown: (e) => { if (e.key === 'Enter') on_pick(level.price); } },
    h('td', { class: `num ${kind === 'ask' ? 'down' : 'up'}` }, own ? '● ' : '', format_cents(level.price)),
    h('td', { class: 'num' }, format_shares(level.qty)),
    h('td', { class: 'num' }, format_shares(level.total), h('span', { class: 'bar', style: { width: `${level.bar / 10}%` } })));
  }

  function render(book) {
    const rows = ladder_rows(book.bids(depth), book.asks(depth));
    const own = mine();
    const spread = book.spread();
    fill(body,
      [...rows.asks].reverse().map((l) => row(l, 'ask', own.has(l.price))),
      h('tr', { class: 'spread-row' }, h('td', { colspan: 3, dataset: { testid: 'spread' } },
        spread === null ? (book.synced ? 'no spread' : 'syncing…') : `spread ${format_cents(spread)}`)),
      rows.bids.map((l) => row(l, 'bid', own.has(l.price))));
  }
  return { el, render };
}
