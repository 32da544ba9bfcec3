// Portfolio: cash, equity, buying power, margin level, positions with P&L and delivery, equity curve.

import { createChart, AreaSeries } from '/vendor/lightweight-charts/lightweight-charts.standalone.production.mjs';
import { h, panel, fill, table, toast, cell } from '../ui/dom.js';
import { format_cents, format_shares, format_bps, parse_shares } from '../lib/money.js';
import { margin_state, position_rows, equity_of } from '../lib/portfolio.js';
import { ns_to_seconds } from '../lib/candles.js';
import { follow_account } from '../ui/account_feed.js';
import { list_of } from '../ui/market_state.js';

const state_class = { ok: 'up', warning: 'margin-warning', danger: 'margin-danger', none: '' };
const pnl = (v) => (v === null || v === undefined ? { text: '—', class: 'num' } : { text: format_cents(v, { sign: true }), class: `num ${v > 0 ? 'up' : v < 0 ? 'down' : ''}` });

function stat(label, testid) {
  const value = h('div', { class: 'fs-5 fw-semibold num text-start', dataset: { testid } }, '—');
  return { el: h('div', { class: 'col-6 col-md-3' }, h('div', { class: 'small text-body-secondary' }, label), value), value };
}

export function mount(root, ctx) {
  if (!ctx.user) {
    root.append(h('div', { class: 'alert alert-info' }, 'Sign in to see your portfolio. ', h('a', { href: '#/signin' }, 'Sign in')));
    return null;
  }
  const stats = { cash: stat('Cash', 'cash'), equity: stat('Equity', 'equity'), power: stat('Buying power', 'buying-power'), level: stat('Margin level', 'margin-level') };
  const summary = panel('Account', 'account-panel');
  summary.body.append(h('div', { class: 'row g-2' }, Object.values(stats).map((s) => s.el)));
  const positions = panel('Positions', 'positions-panel');
  const curve = panel('Equity', 'equity-panel');
  const curve_box = h('div', { class: 'chart-box', style: { height: '240px' }, dataset: { testid: 'equity-chart' } });
  curve.body.append(curve_box);
  root.append(h('h1', { class: 'h5' }, 'Portfolio'), summary.panel, positions.panel, curve.panel);

  const chart = createChart(curve_box, { autoSize: true, layout: { background: { color: 'transparent' }, textColor: '#adb5bd' },
    grid: { vertLines: { visible: false }, horzLines: { color: 'rgba(255,255,255,.05)' } }, timeScale: { timeVisible: true } });
  const area = chart.addSeries(AreaSeries, { lineColor: '#0d6efd', topColor: 'rgba(13,110,253,.4)', bottomColor: 'rgba(13,110,253,0)' });
  let last_time = 0;
  ctx.api.get('/account/equity').then((body) => {
    const points = list_of(body, 'points').map((p) => ({ time: p.time_s ?? ns_to_seconds(p.time), value: p.equity / 100 }));
    points.sort((a, b) => a.time - b.time);
    area.setData(points);
    last_time = points.at(-1)?.time ?? 0;
  }).catch(() => {});

  async function deliver(symbol, action, max) {
    const text = prompt(`${action === 'take' ? 'Take delivery of' : 'Deliver'} how many ${symbol} shares? (max ${format_shares(max)})`, String(max));
    if (text === null) return;
    const quantity = parse_shares(text);
    if (!quantity) return ctx.fail({ code: 'INVALID_QUANTITY' });
    try {
      await ctx.api.post(`/positions/${encodeURIComponent(symbol)}/delivery`, { action, quantity });
      toast('Delivery done.', 'success');
    } catch (err) {
      ctx.fail(err);
    }
  }

  function render(account) {
    const cash = account.cash ?? {};
    stats.cash.value.textContent = format_cents(cash.free ?? account.free_cash ?? 0);
    stats.cash.value.title = `reserved ${format_cents(cash.reserved ?? 0)} · posted ${format_cents(cash.posted ?? 0)} · borrowed ${format_cents(cash.borrowed ?? 0)}`;
    const mark_of = (p) => p.mark_price ?? ctx.market.tickers.get(p.symbol)?.last ?? null;
    const equity = equity_of(account, mark_of);
    stats.equity.value.textContent = equity === null ? '—' : format_cents(equity);
    stats.power.value.textContent = format_cents(account.buying_power ?? cash.free ?? 0);
    const level = account.margin_level_bps ?? null;
    const state = margin_state(level, account.maintenance_margin_bps);
    stats.level.value.textContent = level === null ? 'no margin' : format_bps(level);
    stats.level.value.className = `fs-5 fw-semibold num text-start ${state_class[state]}`;
    stats.level.value.dataset.state = state;
    const rows = [];
    for (const p of list_of(account.positions ?? [], 'positions')) {
      const mark = mark_of(p);
      for (const [i, r] of position_rows(p, mark).entries()) {
        const button = r.kind === 'margin long'
          ? h('button', { class: 'btn btn-sm btn-outline-primary', type: 'button', dataset: { testid: 'take-delivery' }, onclick: () => deliver(p.symbol, 'take', r.qty) }, 'Take delivery')
          : r.kind === 'margin short'
            ? h('button', { class: 'btn btn-sm btn-outline-primary', type: 'button', dataset: { testid: 'deliver-shares' }, onclick: () => deliver(p.symbol, 'deliver', -r.qty) }, 'Deliver shares')
            : '';
        rows.push(h('tr', { dataset: { testid: 'position-row', symbol: p.symbol, kind: r.kind } },
          h('td', {}, h('a', { href: `#/trade/${encodeURIComponent(p.symbol)}` }, p.symbol)), h('td', {}, r.kind),
          h('td', { class: 'num' }, format_shares(r.qty)), h('td', { class: 'num' }, r.avg === null ? '—' : format_cents(r.avg)),
          h('td', { class: 'num' }, mark ? format_cents(mark) : '—'),
          cell(pnl(r.unrealized)),
          cell(pnl(i === 0 ? p.realized_pnl ?? null : null)),
          h('td', { class: 'text-end' }, button)));
      }
    }
    fill(positions.body, table(['Symbol', 'Kind', { text: 'Qty', class: 'num' }, { text: 'Avg price', class: 'num' }, { text: 'Mark', class: 'num' },
      { text: 'Unrealized', class: 'num' }, { text: 'Realized', class: 'num' }, ''], rows, { testid: 'positions', empty: 'No positions.' }));
    if (equity !== null) {
      const now = Math.floor(Date.now() / 1000);
      if (now > last_time) {
        area.update({ time: now, value: equity / 100 });
        last_time = now;
      }
    }
  }
  const off = follow_account(ctx, render);
  return () => {
    off();
    chart.remove();
  };
}
