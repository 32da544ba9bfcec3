// Admin (role admin): instruments and halts, deposits to an account (id or username); auction creation
// (admin or auctioneer).

import { h, panel, fill, table, toast } from '../ui/dom.js';
import { format_cents, format_shares, parse_cents, parse_shares } from '../lib/money.js';
import { account_for } from '../lib/leaderboard.js';
import { api_error } from '../lib/api.js';
import { list_of } from '../ui/market_state.js';

/// A form of labelled inputs; fields [{name, label, type?, parse?, value?, optional?, wide?}];
/// submit(values) resolves true to clear the form.
function simple_form(testid, fields, button, submit) {
  const inputs = {};
  const form = h('form', { class: 'row g-2', dataset: { testid } }, fields.map((f) => {
    inputs[f.name] = f.type === 'textarea'
      ? h('textarea', { class: 'form-control form-control-sm', id: `${testid}-${f.name}`, rows: 2 })
      : h('input', { class: 'form-control form-control-sm', id: `${testid}-${f.name}`, type: f.type ?? 'text', value: f.value ?? '',
        inputmode: f.parse ? 'decimal' : undefined, required: f.optional ? undefined : true });
    return h('div', { class: f.wide ? 'col-12' : 'col-6 col-md-4' }, h('label', { class: 'form-label small mb-1', for: `${testid}-${f.name}` }, f.label), inputs[f.name]);
  }), h('div', { class: 'col-12' }, h('button', { class: 'btn btn-primary btn-sm', type: 'submit' }, button)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = {};
    for (const f of fields) {
      const raw = inputs[f.name].value.trim();
      if (!raw && f.optional) continue;
      const value = f.parse ? f.parse(raw) : raw;
      if (value === null || value === '') {
        inputs[f.name].classList.add('is-invalid');
        return;
      }
      inputs[f.name].classList.remove('is-invalid');
      values[f.name] = value;
    }
    if (await submit(values)) form.reset();
  });
  return form;
}

/// A form submit that shows success or the reason text; resolves true on success.
const wrap = (ctx, fn, done) => async (values) => {
  try {
    await fn(values);
    toast(done, 'success');
    return true;
  } catch (err) {
    ctx.fail(err);
    return false;
  }
};

/// The account id for an id or a username (looked up in the leaderboard); rejects with NOT_FOUND.
async function resolve_account(ctx, text) {
  const direct = account_for(text, []);
  if (direct !== null) return direct;
  const id = account_for(text, list_of(await ctx.api.get('/leaderboard?limit=1000'), 'leaderboard'));
  if (id === null) throw new api_error(404, 'NOT_FOUND', `no account named ${text}`);
  return id;
}

export function mount(root, ctx) {
  if (!ctx.can('admin', 'auctioneer')) {
    root.append(h('div', { class: 'alert alert-warning' }, 'This page is for administrators and auctioneers.'));
    return null;
  }
  root.append(h('h1', { class: 'h5' }, 'Admin'));
  const offs = [];
  if (ctx.can('admin')) {
    const instruments = panel('Instruments', 'admin-instruments');
    const list = h('div');
    const toggle = async (inst) => {
      try {
        const reply = await ctx.api.post(`/admin/instruments/${encodeURIComponent(inst.symbol)}/${inst.halted ? 'resume' : 'halt'}`);
        inst.halted = typeof reply?.halted === 'boolean' ? reply.halted : !inst.halted;
        toast(`${inst.symbol} ${inst.halted ? 'halted' : 'trading again'}.`, inst.halted ? 'warning' : 'success');
        render();
      } catch (err) {
        ctx.fail(err);
      }
    };
    const render = () => fill(list, table(['Symbol', 'Name', { text: 'Tick', class: 'num' }, { text: 'Lot', class: 'num' }, { text: 'Reference', class: 'num' }, 'State', ''],
      [...ctx.market.instruments.values()].map((inst) => h('tr', { dataset: { testid: 'admin-instrument', symbol: inst.symbol } },
        h('td', {}, inst.symbol), h('td', {}, inst.name ?? ''), h('td', { class: 'num' }, format_cents(inst.tick_size)),
        h('td', { class: 'num' }, format_shares(inst.lot_size)), h('td', { class: 'num' }, format_cents(inst.reference_price)),
        h('td', {}, h('span', { class: `badge ${inst.halted ? 'text-bg-danger' : 'text-bg-success'}`, dataset: { testid: 'instrument-state' } }, inst.halted ? 'halted' : 'trading')),
        h('td', { class: 'text-end' }, h('button', { class: `btn btn-sm ${inst.halted ? 'btn-outline-success' : 'btn-outline-danger'}`, type: 'button',
          dataset: { testid: 'halt-toggle' }, 'aria-label': `${inst.halted ? 'Resume' : 'Halt'} ${inst.symbol}`, onclick: () => toggle(inst) },
        inst.halted ? 'Resume' : 'Halt'))))));
    ctx.market.ready.then(render);
    offs.push(ctx.market.on_change(render));
    // Operators list instruments at runtime with bourse-ctl instrument add (POST /admin/instruments).
    instruments.body.append(list, h('p', { class: 'small text-body-secondary mt-2 mb-0' },
      'List a new instrument with bourse-ctl instrument add; it appears here after a reload.'));
    const deposits = panel('Deposits', 'admin-deposits');
    deposits.body.append(simple_form('deposit-form', [{ name: 'account', label: 'Account (id or username)' }, { name: 'amount', label: 'Amount', parse: parse_cents }],
      'Deposit', wrap(ctx, async (v) => {
        const id = await resolve_account(ctx, v.account);
        await ctx.api.post(`/admin/accounts/${id}/deposits`, { amount_cents: v.amount });
      }, 'Deposit booked.')));
    root.append(instruments.panel, deposits.panel);
  }
  const auction = panel('New auction', 'admin-auction');
  const minutes = (raw) => (/^\d+$/.test(raw) ? Number(raw) * 60 : null);
  auction.body.append(simple_form('auction-form', [
    { name: 'title', label: 'Title', wide: true }, { name: 'description', label: 'Description', type: 'textarea', wide: true, optional: true },
    { name: 'image_url', label: 'Image URL', type: 'url', optional: true },
    { name: 'symbol', label: 'Shares of (symbol)', optional: true }, { name: 'quantity', label: 'Quantity', parse: parse_shares, optional: true },
    { name: 'start_price', label: 'Start price', parse: parse_cents }, { name: 'increment', label: 'Min increment', parse: parse_cents },
    { name: 'reserve_price', label: 'Reserve (optional)', parse: parse_cents, optional: true },
    { name: 'duration_s', label: 'Duration (min)', parse: minutes, value: '5' },
    { name: 'extension_window_s', label: 'Extend if bid in last (min)', parse: minutes, value: '5' },
    { name: 'extension_s', label: 'Extension (min)', parse: minutes, value: '5' },
  ], 'Create and start', wrap(ctx, (v) => ctx.api.post('/auctions', { ...v, start: 'now' }), 'Auction created.')));
  root.append(auction.panel);
  return () => offs.forEach((off) => off());
}
