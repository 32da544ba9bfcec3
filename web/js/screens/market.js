// Market screen: instruments, candle chart, order book ladder, depth chart and trade tape.

import { h, panel } from '../ui/dom.js';
import { route_hash } from '../lib/router.js';
import { mount_instrument_list } from '../ui/instrument_list.js';
import { mount_candle_chart } from '../ui/candle_chart.js';
import { create_ladder } from '../ui/ladder.js';
import { create_depth_chart } from '../ui/depth_chart.js';
import { mount_tape } from '../ui/tape.js';

export function mount(root, ctx, route) {
  const offs = [];
  const list = panel('Instruments', 'instruments-panel');
  const chart = panel('Chart', 'chart-panel');
  const book = panel('Order book', 'book-panel');
  const depth = panel('Depth', 'depth-panel');
  const tape = panel('Trades', 'tape-panel');
  root.append(h('div', { class: 'row g-3' },
    h('div', { class: 'col-12 col-lg-3' }, list.panel),
    h('div', { class: 'col-12 col-lg-6' }, chart.panel, depth.panel),
    h('div', { class: 'col-12 col-lg-3' }, book.panel, tape.panel)));

  let mounted = true;
  ctx.market.ready.then(() => {
    if (!mounted) return;
    const symbol = route.params[0] ?? ctx.market.default_symbol();
    offs.push(mount_instrument_list(list.body, ctx, symbol, (s) => { location.hash = route_hash('market', s); }));
    if (!symbol) return;
    const inst = ctx.market.instruments.get(symbol) ?? {};
    chart.panel.querySelector('h2').textContent = `${symbol} ${inst.name ? `· ${inst.name}` : ''}`;
    chart.panel.querySelector('h2').append(' ', h('a', { class: 'btn btn-sm btn-primary ms-2', href: route_hash('trade', symbol), dataset: { testid: 'trade-link' } }, 'Trade'));
    offs.push(mount_candle_chart(chart.body, ctx, symbol, inst.tick_size ?? 1));
    const ladder = create_ladder({ on_pick: (price) => { location.hash = `${route_hash('trade', symbol)}?price=${price}`; } });
    const depth_chart = create_depth_chart();
    book.body.append(ladder.el);
    depth.body.append(depth_chart.el);
    offs.push(ctx.market.book_feed(symbol, (b) => { ladder.render(b); depth_chart.render(b); }));
    offs.push(mount_tape(tape.body, ctx, symbol));
  });
  return () => {
    mounted = false;
    for (const off of offs) off();
  };
}
