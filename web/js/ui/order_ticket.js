// Order entry: side, type, price, stop, quantity with presets, time in force, post-only, margin,
// display quantity; validated locally (tick, lot, band, buying power) before it is sent.

import { parse_cents, parse_shares, format_cents, format_shares } from '../lib/money.js';
import { validate_order, band_low, band_high } from '../lib/order_validation.js';
import { reason_text, reason_with_code } from '../lib/reasons.js';
import { h } from './dom.js';
import { next_client_order_id } from './account_feed.js';

const types = [['LIMIT', 'Limit'], ['MARKET', 'Market'], ['STOP', 'Stop'], ['STOP_LIMIT', 'Stop limit']];
const tifs = [['GTC', 'Good till cancel'], ['DAY', 'Day'], ['IOC', 'Immediate or cancel'], ['FOK', 'Fill or kill'], ['GTD', 'Good till date']];

function select(id, options, label) {
  return h('div', { class: 'col-6' }, h('label', { class: 'form-label small mb-1', for: id }, label),
    h('select', { class: 'form-select form-select-sm', id, name: id }, options.map(([v, t]) => h('option', { value: v }, t))));
}

function input(id, label, attrs = {}) {
  return h('div', { class: 'col-6' }, h('label', { class: 'form-label small mb-1', for: id }, label),
    h('input', { class: 'form-control form-control-sm', id, name: id, autocomplete: 'off', ...attrs }),
    h('div', { class: 'invalid-feedback', dataset: { testid: `${id}-error` } }));
}

/// Returns {el, set_price(cents), set_account(account_risk_view)}; send(order) places it.
export function create_order_ticket(ctx, inst, send) {
  let side = 'BUY';
  let account = null;
  const error = h('div', { class: 'alert alert-danger py-1 px-2 small d-none', role: 'alert', dataset: { testid: 'order-error' } });
  const estimate = h('div', { class: 'small text-body-secondary', dataset: { testid: 'order-estimate' } });
  const side_buttons = h('div', { class: 'btn-group w-100', role: 'group', 'aria-label': 'Side' },
    h('button', { type: 'button', class: 'btn btn-success active', dataset: { side: 'BUY', testid: 'side-buy' } }, 'Buy'),
    h('button', { type: 'button', class: 'btn btn-outline-danger', dataset: { side: 'SELL', testid: 'side-sell' } }, 'Sell'));
  const presets = h('div', { class: 'btn-group btn-group-sm flex-wrap', role: 'group', 'aria-label': 'Quantity presets' });
  const form = h('form', { class: 'row g-2', dataset: { testid: 'order-ticket' }, novalidate: true },
    h('div', { class: 'col-12' }, side_buttons),
    select('type', types, 'Type'), select('tif', tifs, 'Time in force'),
    input('price', 'Price', { inputmode: 'decimal', placeholder: format_cents(inst.reference_price ?? 0) }),
    input('stop_price', 'Stop price', { inputmode: 'decimal', disabled: true }),
    input('quantity', `Quantity (lot ${format_shares(inst.lot_size ?? 1)})`, { inputmode: 'numeric' }),
    input('display_quantity', 'Display qty (optional)', { inputmode: 'numeric' }),
    h('div', { class: 'col-12' }, presets),
    input('expire_time', 'Expires', { type: 'datetime-local', disabled: true }),
    h('div', { class: 'col-6 d-flex flex-column justify-content-end' },
      h('div', { class: 'form-check' }, h('input', { class: 'form-check-input', type: 'checkbox', id: 'post_only' }),
        h('label', { class: 'form-check-label small', for: 'post_only' }, 'Post-only')),
      h('div', { class: 'form-check' }, h('input', { class: 'form-check-input', type: 'checkbox', id: 'margin', disabled: inst.margin_allowed === false }),
        h('label', { class: 'form-check-label small', for: 'margin' }, 'Margin'))),
    h('div', { class: 'col-12 small text-body-secondary' },
      `Tick ${format_cents(inst.tick_size ?? 1)} · band ${format_cents(band_low(inst))} – ${format_cents(band_high(inst))}`),
    h('div', { class: 'col-12' }, estimate, error),
    h('div', { class: 'col-12' }, h('button', { type: 'submit', class: 'btn btn-success w-100', dataset: { testid: 'order-submit' } }, 'Buy')));
  const field = (id) => form.querySelector(`#${id}`);

  for (const lots of [1, 10, 100])
    presets.append(h('button', { type: 'button', class: 'btn btn-outline-secondary', dataset: { testid: `preset-${lots}` },
      onclick: () => { field('quantity').value = String(lots * (inst.lot_size ?? 1)); update(); } }, `${lots} lot${lots > 1 ? 's' : ''}`));
  presets.append(h('button', { type: 'button', class: 'btn btn-outline-secondary', dataset: { testid: 'preset-max' }, onclick: set_max }, 'Max'));

  function set_max() {
    const lot = inst.lot_size ?? 1;
    if (side === 'SELL') {
      const held = account?.positions?.[inst.symbol]?.spot ?? 0;
      field('quantity').value = String(Math.floor(held / lot) * lot);
    } else {
      const price = parse_cents(field('price').value) || band_high(inst);
      const fee = Math.max(inst.maker_fee_bps ?? 0, inst.taker_fee_bps ?? 0);
      const per_lot = Math.ceil((price * lot * (10000 + fee)) / 10000) + 1;
      field('quantity').value = String(Math.max(0, Math.floor((account?.free_cash ?? 0) / per_lot)) * lot);
    }
    update();
  }

  function read() {
    const type = field('type').value;
    const expire = field('expire_time').value ? Date.parse(field('expire_time').value) : null;
    return {
      symbol: inst.symbol, side, type, time_in_force: field('tif').value,
      price: type === 'LIMIT' || type === 'STOP_LIMIT' ? parse_cents(field('price').value) : null,
      stop_price: type === 'STOP' || type === 'STOP_LIMIT' ? parse_cents(field('stop_price').value) : null,
      quantity: parse_shares(field('quantity').value),
      display_quantity: field('display_quantity').value ? parse_shares(field('display_quantity').value) : null,
      post_only: field('post_only').checked, margin: field('margin').checked,
      expire_time_s: expire === null ? null : expire / 1000,
    };
  }

  function show(result) {
    for (const el of form.querySelectorAll('.is-invalid')) el.classList.remove('is-invalid');
    error.classList.add('d-none');
    if (result.ok) return;
    const target = field(result.field === 'time_in_force' ? 'tif' : result.field);
    if (target) {
      target.classList.add('is-invalid');
      const feedback = target.parentElement.querySelector('.invalid-feedback');
      if (feedback) feedback.textContent = reason_text(result.code);
    } else {
      error.textContent = reason_with_code(result.code);
      error.classList.remove('d-none');
    }
  }

  function update() {
    const type = field('type').value;
    field('price').disabled = type === 'MARKET' || type === 'STOP';
    field('stop_price').disabled = !(type === 'STOP' || type === 'STOP_LIMIT');
    field('expire_time').disabled = field('tif').value !== 'GTD';
    field('post_only').disabled = type !== 'LIMIT';
    if ((type === 'MARKET' || type === 'STOP') && !['IOC', 'FOK'].includes(field('tif').value)) field('tif').value = 'IOC';
    const order = read();
    const submit = form.querySelector('[type=submit]');
    submit.textContent = `${side === 'BUY' ? 'Buy' : 'Sell'} ${inst.symbol}`;
    submit.className = `btn w-100 ${side === 'BUY' ? 'btn-success' : 'btn-danger'}`;
    if (!order.quantity) {
      estimate.textContent = account ? `Buying power ${format_cents(account.free_cash)}` : '';
      return null;
    }
    const result = validate_order(order, inst, { account });
    estimate.textContent = result.ok
      ? `Holds ${format_cents(Number(result.required_cash))} of ${account ? format_cents(account.free_cash) : '—'} buying power`
      : '';
    return result;
  }

  side_buttons.addEventListener('click', (e) => {
    const button = e.target.closest('[data-side]');
    if (!button) return;
    side = button.dataset.side;
    side_buttons.children[0].className = `btn ${side === 'BUY' ? 'btn-success active' : 'btn-outline-success'}`;
    side_buttons.children[1].className = `btn ${side === 'SELL' ? 'btn-danger active' : 'btn-outline-danger'}`;
    update();
  });
  form.addEventListener('input', () => {
    for (const el of form.querySelectorAll('.is-invalid')) el.classList.remove('is-invalid');
    update();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const order = read();
    const result = validate_order(order, inst, { account });
    show(result);
    if (!result.ok) return;
    const submit = form.querySelector('[type=submit]');
    submit.disabled = true;
    try {
      await send(wire_order(order));
      field('quantity').value = '';
      update();
    } catch (err) {
      show({ ok: false, field: null, code: err.code });
    } finally {
      submit.disabled = false;
    }
  });
  update();

  return {
    el: form,
    set_price(price) {
      if (field('price').disabled) field('type').value = 'LIMIT';
      field('price').value = format_cents(price).replaceAll(',', '');
      update();
      field('quantity').focus();
    },
    set_account(view) {
      account = view;
      update();
    },
  };
}

/// The order as the server takes it (REST POST /orders and WS order.new), times in ns UTC.
export function wire_order(order) {
  const out = { symbol: order.symbol, side: order.side, type: order.type, quantity: order.quantity,
    time_in_force: order.time_in_force, post_only: order.post_only, margin: order.margin, client_order_id: next_client_order_id() };
  if (order.price !== null) out.price = order.price;
  if (order.stop_price !== null) out.stop_price = order.stop_price;
  if (order.display_quantity) out.display_quantity = order.display_quantity;
  if (order.time_in_force === 'GTD') out.expire_time = Math.round(order.expire_time_s * 1000) * 1e6;
  return out;
}
