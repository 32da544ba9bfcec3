// Candle chart with volume (TradingView Lightweight Charts): history from REST, then live candles
// from candles.<SYM>.<interval>, or from trades.<SYM> until the first candle message arrives.

import { createChart, CandlestickSeries, HistogramSeries } from '/vendor/lightweight-charts/lightweight-charts.standalone.production.mjs';
import { candle_series, intervals, from_wire, ns_to_seconds } from '../lib/candles.js';
import { list_of } from './market_state.js';
import { h } from './dom.js';

const to_chart = (c) => ({ time: c.time, open: c.open / 100, high: c.high / 100, low: c.low / 100, close: c.close / 100 });
const to_volume = (c) => ({ time: c.time, value: c.volume, color: c.close >= c.open ? 'rgba(38,166,154,.5)' : 'rgba(239,83,80,.5)' });

/// Mounts the chart for a symbol into root; returns the unmount function.
export function mount_candle_chart(root, ctx, symbol, tick_size = 1) {
  let interval = localStorage.getItem('bourse.interval') ?? '1m';
  if (!intervals[interval]) interval = '1m';
  const box = h('div', { class: 'chart-box', dataset: { testid: 'candle-chart' } });
  const buttons = h('div', { class: 'btn-group btn-group-sm mb-2', role: 'group', 'aria-label': 'Candle interval' });
  root.append(buttons, box);

  const chart = createChart(box, {
    autoSize: true,
    layout: { background: { color: 'transparent' }, textColor: '#adb5bd', attributionLogo: true },
    grid: { vertLines: { color: 'rgba(255,255,255,.05)' }, horzLines: { color: 'rgba(255,255,255,.05)' } },
    timeScale: { timeVisible: true, secondsVisible: true },
  });
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
    priceFormat: { type: 'price', precision: 2, minMove: tick_size / 100 },
  });
  const volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: '' });
  volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });

  let series = null;
  let offs = [];
  let generation = 0;

  function draw(candle) {
    if (!candle) return;
    candles.update(to_chart(candle));
    volume.update(to_volume(candle));
  }

  async function load() {
    const mine = ++generation;
    for (const off of offs) off();
    offs = [];
    series = new candle_series(intervals[interval]);
    for (const b of buttons.children) b.classList.toggle('active', b.dataset.interval === interval);
    try {
      const body = await ctx.api.get(`/markets/${encodeURIComponent(symbol)}/candles?interval=${interval}`);
      if (mine !== generation) return;
      series.load(list_of(body, 'candles').map(from_wire));
    } catch (err) {
      if (mine !== generation) return;
      ctx.fail(err);
    }
    const all = series.candles();
    candles.setData(all.map(to_chart));
    volume.setData(all.map(to_volume));
    chart.timeScale().scrollToRealTime();
    let server_candles = false;
    offs.push(ctx.ws.subscribe(`candles.${symbol}.${interval}`, (msg) => {
      const rows = Array.isArray(msg.data) ? msg.data : [msg.data];
      server_candles = true;
      for (const c of rows) if (c) draw(series.upsert(from_wire(c)));
    }));
    offs.push(ctx.ws.subscribe(`trades.${symbol}`, (msg) => {
      if (server_candles || msg.type === 'snapshot') return;
      const rows = Array.isArray(msg.data) ? msg.data : [msg.data];
      for (const t of rows) if (t) draw(series.add_trade({ time_s: ns_to_seconds(t.time), price: t.price, qty: t.qty ?? t.quantity }));
    }));
  }

  for (const name of Object.keys(intervals))
    buttons.append(h('button', { type: 'button', class: 'btn btn-outline-secondary', dataset: { interval: name, testid: `interval-${name}` },
      onclick: () => { interval = name; localStorage.setItem('bourse.interval', name); load(); } }, name));
  load();
  return () => {
    generation += 1;
    for (const off of offs) off();
    chart.remove();
  };
}
