// Open orders (cancel, price edit), order history and fills.

import { format_cents, format_shares, parse_cents } from '../lib/money.js';
import { ns_to_seconds } from '../lib/candles.js';
import { reason_text } from '../lib/reasons.js';
import { h, fill, table } from './dom.js';
import { order_id_of } from './account_feed.js';

const when = (t) => (t == null ? '' : new Date(ns_to_seconds(t) * 1000).toLocaleString([], { hour12: false }));
const side_cell = (side) => ({ text: side, class: side === 'BUY' ? 'up' : 'down' });
/// Resting orders in the account view carry no type: a priced one is a limit order.
const type_of = (o) => o.type ?? (o.price ? 'LIMIT' : '');
const price_text = (o) => (o.price ? format_cents(o.price) : type_of(o));
const shares_or_blank = (n) => (n == null ? '' : format_shares(n));
const cents_or_blank = (n) => (n == null ? '' : format_cents(n));
const open_qty = (o) => o.open_quantity ?? o.remaining_quantity ?? (o.quantity - (o.filled_quantity ?? 0));

/// Returns {el, render({open, history, fills})}; actions {cancel(order), replace(order, price)} return promises.
export function create_orders_panel(ctx, actions) {
  const tabs = h('ul', { class: 'nav nav-tabs nav-sm mb-2', role: 'tablist' });
  const body = h('div');
  const el = h('div', {}, tabs, body);
  const names = [['open', 'Open orders'], ['history', 'History'], ['fills', 'Fills']];
  let active = 'open';
  let data = { open: [], history: [], fills: [] };

  function edit_price(order, cell_el) {
    const field = h('input', { class: 'form-control form-control-sm', value: format_cents(order.price).replaceAll(',', ''),
      inputmode: 'decimal', 'aria-label': 'New price', dataset: { testid: 'edit-price-input' }, style: { width: '7rem' } });
    const save = async () => {
      const price = parse_cents(field.value);
      if (price === null || price <= 0) {
        field.classList.add('is-invalid');
        return;
      }
      try {
        await actions.replace(order, price);
      } catch (err) {
        ctx.fail(err);
      }
    };
    field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') save();
      if (e.key === 'Escape') render(data);
    });
    fill(cell_el, h('div', { class: 'd-flex gap-1' }, field, h('button', { class: 'btn btn-sm btn-primary', type: 'button', onclick: save, dataset: { testid: 'edit-price-save' } }, 'Save')));
    field.focus();
  }

  function open_rows() {
    return data.open.map((o) => {
      const price_cell = h('td', { class: 'num' }, price_text(o));
      const can_edit = type_of(o) === 'LIMIT' || type_of(o) === 'STOP_LIMIT';
      return h('tr', { dataset: { testid: 'open-order', orderId: String(order_id_of(o)), symbol: o.symbol } },
        h('td', {}, o.symbol), h('td', { class: o.side === 'BUY' ? 'up' : 'down' }, o.side), h('td', {}, type_of(o)),
        price_cell, h('td', { class: 'num' }, format_shares(open_qty(o))), h('td', { class: 'num' }, format_shares(o.filled_quantity ?? 0)),
        h('td', {}, o.time_in_force ?? ''),
        h('td', { class: 'text-end text-nowrap' },
          can_edit ? h('button', { class: 'btn btn-sm btn-outline-secondary me-1', type: 'button', dataset: { testid: 'edit-order' },
            onclick: () => edit_price(o, price_cell) }, 'Edit') : null,
          h('button', { class: 'btn btn-sm btn-outline-danger', type: 'button', dataset: { testid: 'cancel-order' },
            onclick: () => actions.cancel(o).catch((err) => ctx.fail(err)) }, 'Cancel')));
    });
  }

  function render(next) {
    data = next;
    fill(tabs, names.map(([key, label]) => h('li', { class: 'nav-item', role: 'presentation' },
      h('button', { class: `nav-link py-1${key === active ? ' active' : ''}`, type: 'button', role: 'tab', 'aria-selected': String(key === active),
        dataset: { testid: `tab-${key}` }, onclick: () => { active = key; render(data); } }, `${label} (${data[key].length})`))));
    if (active === 'open') {
      fill(body, table(['Symbol', 'Side', 'Type', { text: 'Price', class: 'num' }, { text: 'Open', class: 'num' }, { text: 'Filled', class: 'num' }, 'TIF', ''],
        open_rows(), { testid: 'open-orders', empty: 'No open orders.' }));
    } else if (active === 'history') {
      fill(body, table(['Time', 'Symbol', 'Side', 'Type', { text: 'Price', class: 'num' }, { text: 'Qty', class: 'num' }, { text: 'Filled', class: 'num' }, 'Status'],
        data.history.map((o) => [when(o.updated_time ?? o.time), o.symbol, side_cell(o.side), type_of(o), { text: price_text(o), class: 'num' },
          { text: shares_or_blank(o.quantity), class: 'num' }, { text: shares_or_blank(o.filled_quantity), class: 'num' },
          { text: o.reason && o.reason !== 'NONE' ? `${o.status} · ${reason_text(o.reason)}` : o.status }]),
        { testid: 'order-history', empty: 'No finished orders.' }));
    } else {
      fill(body, table(['Time', 'Symbol', 'Side', { text: 'Price', class: 'num' }, { text: 'Qty', class: 'num' }, { text: 'Fee', class: 'num' }],
        data.fills.map((f) => [when(f.time), f.symbol, side_cell(f.side), { text: cents_or_blank(f.price), class: 'num' },
          { text: format_shares(f.qty ?? f.quantity), class: 'num' }, { text: cents_or_blank(f.fee), class: 'num' }]),
        { testid: 'fills', empty: 'No fills yet.' }));
    }
  }
  render(data);
  return { el, render };
}
