// Open orders (cancel, price edit), order history (every status, newest first) and fills.

import { format_cents, format_shares, parse_cents } from '../lib/money.js';
import { ns_to_seconds } from '../lib/candles.js';
import { status_label, time_of } from '../lib/history.js';
import { reason_text } from '../lib/reasons.js';
import { h, fill, table, cell } from './dom.js';
import { order_id_of } from './account_feed.js';

const when = (t) => (t ? new Date(ns_to_seconds(t) * 1000).toLocaleString([], { hour12: false }) : '');
const scroll = (el) => h('div', { class: 'table-scroll' }, el);

/// A status badge with the reason text of a rejection or cancel.
function status_cell(o) {
  const label = status_label(o);
  return h('td', {}, h('span', { class: `badge text-bg-${label.tone}` }, label.text),
    label.reason ? h('span', { class: 'small text-body-secondary ms-1', title: label.reason }, reason_text(label.reason)) : null);
}
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
  const names = [['open', 'Open orders'], ['history', 'Order history'], ['fills', 'Fills']];
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
      fill(body, scroll(table(['Time', 'Symbol', 'Side', 'Type', { text: 'Price', class: 'num' }, { text: 'Qty', class: 'num' }, { text: 'Filled', class: 'num' }, 'Status'],
        data.history.map((o) => h('tr', { dataset: { testid: 'history-row', orderId: String(order_id_of(o)), status: o.status ?? '' } },
          cell(when(time_of(o))), cell(o.symbol), cell(side_cell(o.side)), cell(type_of(o)), cell({ text: price_text(o), class: 'num' }),
          cell({ text: shares_or_blank(o.quantity ?? (o.open_quantity == null ? null : o.open_quantity + (o.filled_quantity ?? 0))), class: 'num' }),
          cell({ text: shares_or_blank(o.filled_quantity), class: 'num' }), status_cell(o))),
        { testid: 'order-history', empty: 'No orders yet.' })));
    } else {
      fill(body, scroll(table(['Time', 'Symbol', 'Side', { text: 'Price', class: 'num' }, { text: 'Qty', class: 'num' }, { text: 'Fee', class: 'num' }, 'Role'],
        data.fills.map((f) => h('tr', { dataset: { testid: 'fill-row', symbol: f.symbol } }, cell(when(time_of(f))), cell(f.symbol), cell(side_cell(f.side)),
          cell({ text: cents_or_blank(f.price), class: 'num' }), cell({ text: shares_or_blank(f.quantity), class: 'num' }),
          cell({ text: cents_or_blank(f.fee), class: 'num' }), cell(f.liquidity ? f.liquidity.toLowerCase() : ''))),
        { testid: 'fills', empty: 'No fills yet.' })));
    }
  }
  render(data);
  return { el, render };
}
