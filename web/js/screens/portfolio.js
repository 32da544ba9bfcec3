// Portfolio: cash, equity, buying power, margin level, positions with P&L and delivery, equity curve,
// cash statement.

import { createChart, AreaSeries } from '/vendor/lightweight-charts/lightweight-charts.standalone.production.mjs';
import { h, panel, fill, table, toast, cell } from '../ui/dom.js';
import { format_cents, format_shares, format_bps, parse_shares } from '../lib/money.js';
import { pnl_view, position_rows, equity_of, delivery_of, account_totals } from '../lib/portfolio.js';
import { reason_with_code } from '../lib/reasons.js';
import { ns_to_seconds } from '../lib/candles.js';
import { follow_account } from '../ui/account_feed.js';
import { list_of } from '../ui/market_state.js';

const state_class = { ok: 'up', warning: 'margin-warning', danger: 'margin-danger', none: '' };
const tone_class = { up: 'up', down: 'down', flat: '', none: '' };
const pnl = (v) => {
  const view = pnl_view(v);
  return { text: view.text, class: `num ${tone_class[view.tone]}` };
};
const stat_class = 'fs-5 fw-semibold num text-start';
const action_words = { TAKE: 'Take delivery', DELIVER: 'Deliver shares' };
const ledger_words = { DEPOSIT: 'Deposit', WITHDRAWAL: 'Withdrawal', TRADE: 'Trade', FEE: 'Fee', FEE_INCOME: 'Fee income',
  DELIVERY: 'Delivery', AUCTION: 'Auction' };

function stat(label, testid) {
  const value = h('div', { class: stat_class, dataset: { testid } }, '—');
  const note = h('div', { class: 'small text-body-secondary', dataset: { testid: `${testid}-note` } });
  return { el: h('div', { class: 'col-6 col-md-4 col-xl-2' }, h('div', { class: 'small text-body-secondary' }, label), value, note), value, note };
}

export function mount(root, ctx) {
  if (!ctx.user) {
    root.append(h('div', { class: 'alert alert-info' }, 'Sign in to see your portfolio. ', h('a', { href: '#/signin' }, 'Sign in')));
    return null;
  }
  const stats = { cash: stat('Cash', 'cash'), equity: stat('Equity', 'equity'), power: stat('Buying power', 'buying-power'),
    level: stat('Margin level', 'margin-level'), unrealized: stat('Unrealized P&L', 'unrealized-pnl'), realized: stat('Realized P&L', 'realized-pnl') };
  const summary = panel('Account', 'account-panel');
  const account_line = h('div', { class: 'small text-body-secondary mb-2', dataset: { testid: 'account-line' } });
  summary.body.append(account_line, h('div', { class: 'row g-2' }, Object.values(stats).map((s) => s.el)));
  const positions = panel('Positions', 'positions-panel');
  const curve = panel('Equity', 'equity-panel');
  const statement = panel('Cash statement', 'statement-panel');
  const curve_box = h('div', { class: 'chart-box', style: { height: '240px' }, dataset: { testid: 'equity-chart' } });
  curve.body.append(curve_box);
  root.append(h('h1', { class: 'h5' }, 'Portfolio'), summary.panel, positions.panel, curve.panel, statement.panel);

  const chart = createChart(curve_box, { autoSize: true, layout: { background: { color: 'transparent' }, textColor: '#adb5bd' },
    grid: { vertLines: { visible: false }, horzLines: { color: 'rgba(255,255,255,.05)' } }, timeScale: { timeVisible: true } });
  const area = chart.addSeries(AreaSeries, { lineColor: '#0d6efd', topColor: 'rgba(13,110,253,.4)', bottomColor: 'rgba(13,110,253,0)' });
  let last_time = 0;
  let live = []; // points plotted before the stored curve arrived; null once it did (or failed)
  ctx.api.get('/account/equity').then((body) => {
    const points = list_of(body, 'points').map((p) => ({ time: ns_to_seconds(p.time_ns), value: p.equity / 100 }));
    points.sort((a, b) => a.time - b.time);
    const stored_end = points.at(-1)?.time ?? 0;
    const merged = [...points, ...live.filter((p) => p.time > stored_end)];
    area.setData(merged);
    last_time = merged.at(-1)?.time ?? 0;
    live = null;
  }).catch(() => { live = null; });

  let last_account = null;
  let open_delivery = null; // {symbol, error (code or null)} while a delivery form is shown

  /// The inline delivery form of one position: quantity (default the maximum), confirm and cancel.
  function delivery_form(symbol, d) {
    const field = h('input', { class: 'form-control form-control-sm', id: `delivery-${symbol}`, value: String(d.max), inputmode: 'numeric',
      style: { width: '6rem' }, 'aria-label': `${action_words[d.action]}: shares of ${symbol}`, dataset: { testid: 'delivery-quantity' } });
    const error = h('div', { class: 'small text-danger', role: 'alert', dataset: { testid: 'delivery-error' } },
      open_delivery.error ? reason_with_code(open_delivery.error) : '');
    const confirm = async () => {
      const quantity = parse_shares(field.value);
      if (!quantity || quantity > d.max) {
        field.classList.add('is-invalid');
        error.textContent = reason_with_code('INVALID_QUANTITY');
        return;
      }
      try {
        await ctx.api.post(`/positions/${encodeURIComponent(symbol)}/delivery`, { action: d.action, quantity });
        close_delivery();
        toast(`${action_words[d.action]}: ${format_shares(quantity)} ${symbol} done.`, 'success');
        reload();
      } catch (err) {
        open_delivery = { ...open_delivery, error: err?.code ?? 'INTERNAL_ERROR' };
        error.textContent = reason_with_code(open_delivery.error);
      }
    };
    field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') confirm();
      if (e.key === 'Escape') close_delivery();
    });
    queueMicrotask(() => field.focus());
    return h('div', { class: 'd-flex flex-wrap justify-content-end align-items-center gap-1' }, field,
      h('button', { class: 'btn btn-sm btn-primary', type: 'button', onclick: confirm, dataset: { testid: 'delivery-confirm' } }, 'Confirm'),
      h('button', { class: 'btn btn-sm btn-outline-secondary', type: 'button', onclick: close_delivery }, 'Cancel'), error);
  }

  function close_delivery() {
    open_delivery = null;
    render_positions(last_account);
  }

  function delivery_cell(p, kind) {
    const d = delivery_of(p);
    if (!d || !kind.startsWith('margin')) return h('td');
    if (open_delivery?.symbol === p.symbol) return h('td', { class: 'text-end' }, delivery_form(p.symbol, d));
    return h('td', { class: 'text-end' }, h('button', { class: 'btn btn-sm btn-outline-primary', type: 'button',
      dataset: { testid: d.action === 'TAKE' ? 'take-delivery' : 'deliver-shares' },
      title: `${action_words[d.action]}: up to ${format_shares(d.max)} shares`,
      onclick: () => {
        open_delivery = { symbol: p.symbol, error: null };
        render_positions(last_account);
      } }, action_words[d.action]));
  }

  const mark_of = (p) => p.mark_price ?? ctx.market.tickers.get(p.symbol)?.last ?? null;

  function render(account) {
    last_account = account;
    render_summary(account);
    // An open delivery form keeps its row (and the typed quantity) until it is confirmed or closed.
    if (!open_delivery) render_positions(account);
  }

  function render_summary(account) {
    const totals = account_totals(account);
    const cash = account.cash ?? {};
    account_line.textContent = [account.id != null ? `Account #${account.id}` : null, account.state ?? null].filter(Boolean).join(' · ');
    if (account.id != null) account_line.dataset.accountId = String(account.id);
    stats.cash.value.textContent = format_cents(totals.cash);
    stats.cash.note.textContent = `free ${format_cents(cash.free ?? 0)} · reserved ${format_cents(cash.reserved ?? 0)}`;
    const equity = equity_of(account, mark_of);
    stats.equity.value.textContent = equity === null ? '—' : format_cents(equity);
    stats.power.value.textContent = format_cents(totals.buying_power);
    stats.level.value.textContent = totals.level === null ? 'no margin' : format_bps(totals.level);
    stats.level.value.className = `${stat_class} ${state_class[totals.state]}`;
    stats.level.value.dataset.state = totals.state;
    const near = totals.state === 'warning' || totals.state === 'danger' ? ' · near liquidation' : '';
    stats.level.note.textContent = totals.level === null ? '' : `maintenance ${format_bps(totals.maintenance)}${near}`;
    for (const [key, value] of [['unrealized', totals.unrealized], ['realized', totals.realized]]) {
      const view = pnl_view(value);
      stats[key].value.textContent = view.text;
      stats[key].value.className = `${stat_class} ${tone_class[view.tone]}`;
    }
    plot(equity);
  }

  function render_positions(account) {
    const rows = [];
    for (const p of list_of(account.positions ?? [], 'positions')) {
      const mark = mark_of(p);
      for (const [i, r] of position_rows(p, mark).entries()) {
        rows.push(h('tr', { dataset: { testid: 'position-row', symbol: p.symbol, kind: r.kind } },
          h('td', {}, h('a', { href: `#/trade/${encodeURIComponent(p.symbol)}` }, p.symbol)), h('td', {}, r.kind),
          h('td', { class: 'num' }, format_shares(r.qty)), h('td', { class: 'num' }, r.avg === null ? '—' : format_cents(r.avg)),
          h('td', { class: 'num' }, mark ? format_cents(mark) : '—'),
          cell(pnl(r.unrealized)),
          cell(i === 0 ? pnl(p.realized_pnl ?? null) : ''),
          delivery_cell(p, r.kind)));
      }
    }
    fill(positions.body, table(['Symbol', 'Kind', { text: 'Qty', class: 'num' }, { text: 'Avg price', class: 'num' }, { text: 'Mark', class: 'num' },
      { text: 'Unrealized', class: 'num' }, { text: 'Realized', class: 'num' }, ''], rows, { testid: 'positions', empty: 'No positions.' }));
  }

  /// The latest cash movements from the ledger (GET /account/ledger), newest first.
  function load_statement() {
    ctx.api.get('/account/ledger?limit=50').then((body) => {
      const rows = list_of(body, 'ledger').map((m) => [
        new Date(ns_to_seconds(m.time_ns) * 1000).toLocaleString([], { hour12: false }),
        ledger_words[m.reason] ?? m.reason, m.symbol ?? '', pnl(m.amount)]);
      fill(statement.body, table(['Time', 'Movement', 'Symbol', { text: 'Amount', class: 'num' }], rows,
        { testid: 'statement', empty: 'No cash movements yet.' }));
    }).catch(() => fill(statement.body, h('div', { class: 'small text-body-secondary' }, 'The statement is not available.')));
  }
  load_statement();
  const statement_timer = setInterval(load_statement, 10_000);

  /// Adds the equity (cents) to the curve once per second.
  function plot(equity) {
    const now = Math.floor(Date.now() / 1000);
    if (equity === null || now <= last_time) return;
    area.update({ time: now, value: equity / 100 });
    live?.push({ time: now, value: equity / 100 });
    last_time = now;
  }
  const reload = () => ctx.api.get('/account').then(render).catch((err) => ctx.fail(err));
  const off = follow_account(ctx, render);
  return () => {
    off();
    clearInterval(statement_timer);
    chart.remove();
  };
}
