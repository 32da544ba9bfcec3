// Depth chart: cumulative bid and ask size against price, drawn on a canvas.

import { cumulative } from '../lib/book.js';
import { format_cents } from '../lib/money.js';
import { h } from './dom.js';

export function create_depth_chart({ depth = 50 } = {}) {
  const canvas = h('canvas', { class: 'depth-box', role: 'img', 'aria-label': 'Depth chart', dataset: { testid: 'depth-chart' } });

  function render(book) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 300;
    const height = canvas.clientHeight || 180;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const g = canvas.getContext('2d');
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, height);
    const bids = cumulative(book.bids(depth));
    const asks = cumulative(book.asks(depth));
    if (!bids.length && !asks.length) return;
    const low = (bids.at(-1) ?? asks[0]).price;
    const high = (asks.at(-1) ?? bids[0]).price;
    const span = Math.max(high - low, 1);
    const top = Math.max(bids.at(-1)?.total ?? 0, asks.at(-1)?.total ?? 0, 1);
    const x = (price) => 4 + ((price - low) / span) * (width - 8);
    const y = (total) => height - 16 - (total / top) * (height - 24);
    const area = (levels, colour, fill_colour) => {
      if (!levels.length) return;
      g.beginPath();
      g.moveTo(x(levels[0].price), y(0));
      for (const l of levels) {
        g.lineTo(x(l.price), y(l.total - l.qty));
        g.lineTo(x(l.price), y(l.total));
      }
      g.lineTo(x(levels.at(-1).price), y(0));
      g.closePath();
      g.fillStyle = fill_colour;
      g.fill();
      g.strokeStyle = colour;
      g.lineWidth = 2;
      g.stroke();
    };
    area(bids, '#26a69a', 'rgba(38,166,154,.35)');
    area(asks, '#ef5350', 'rgba(239,83,80,.35)');
    g.fillStyle = '#adb5bd';
    g.font = '11px system-ui';
    g.fillText(format_cents(low), 4, height - 3);
    const label = format_cents(high);
    g.fillText(label, width - 4 - g.measureText(label).width, height - 3);
  }
  return { el: canvas, render };
}
