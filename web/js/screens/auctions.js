// Auctions: the list of lots and the auction room (high bid, bidder, server-time countdown, extension
// notice, bid buttons at the minimum increment, result).

import { h, panel, fill, table, toast } from '../ui/dom.js';
import { format_cents, parse_cents } from '../lib/money.js';
import { server_clock, format_countdown, bid_steps, minimum_bid, bidder_label } from '../lib/auction.js';
import { ns_to_seconds } from '../lib/candles.js';
import { route_hash } from '../lib/router.js';
import { list_of } from '../ui/market_state.js';

/// A time in ms from fields named x_ms (ms) or x (ns).
function ms(obj, name) {
  if (obj?.[`${name}_ms`] != null) return obj[`${name}_ms`];
  return obj?.[name] != null ? ns_to_seconds(obj[name]) * 1000 : null;
}

const status_badge = { RUNNING: 'text-bg-success', SCHEDULED: 'text-bg-info', ENDED: 'text-bg-secondary', CANCELLED: 'text-bg-dark' };

function mount_list(root, ctx) {
  const lots = panel('Auctions', 'auction-list-panel');
  root.append(lots.panel);
  const load = () => ctx.api.get('/auctions').then((body) => {
    const rows = list_of(body, 'auctions');
    const order = { RUNNING: 0, SCHEDULED: 1, ENDED: 2, CANCELLED: 3 };
    rows.sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
    fill(lots.body, table(['Lot', 'Status', { text: 'High bid', class: 'num' }, 'Ends / result'], rows.map((lot) => h('tr', { dataset: { testid: 'auction-row', id: String(lot.id) } },
      h('td', {}, h('a', { href: route_hash('auctions', lot.id) }, lot.title)),
      h('td', {}, h('span', { class: `badge ${status_badge[lot.status] ?? 'text-bg-secondary'}` }, lot.status)),
      h('td', { class: 'num' }, lot.high_bid == null ? '—' : format_cents(lot.high_bid)),
      h('td', {}, lot.status === 'ENDED' ? (lot.winner ? `sold to ${lot.winner} for ${format_cents(lot.final_price ?? lot.high_bid)}` : 'no sale')
        : ms(lot, 'end_time') ? new Date(ms(lot, 'end_time')).toLocaleTimeString([], { hour12: false }) : ''))),
    { testid: 'auction-list', empty: 'No auctions right now.' }));
  }).catch((err) => ctx.fail(err));
  load();
  const timer = setInterval(load, 5000);
  return () => clearInterval(timer);
}

function mount_room(root, ctx, id) {
  const clock = new server_clock();
  let lot = null;
  const title = h('h1', { class: 'h4', dataset: { testid: 'auction-title' } }, 'Auction');
  const image = h('img', { class: 'img-fluid rounded mb-2 d-none', alt: '' });
  const description = h('p', { class: 'text-body-secondary' });
  const high = h('div', { class: 'high-bid', dataset: { testid: 'high-bid' } }, '—');
  const bidder = h('div', { class: 'small text-body-secondary', dataset: { testid: 'high-bidder' } });
  const countdown = h('div', { class: 'countdown', role: 'timer', 'aria-live': 'off', dataset: { testid: 'countdown' } }, '—');
  const notice = h('div', { class: 'alert alert-warning py-1 d-none', role: 'status', dataset: { testid: 'extended-notice' } });
  const result = h('div', { class: 'alert alert-info d-none', role: 'status', dataset: { testid: 'auction-result' } });
  const buttons = h('div', { class: 'd-flex flex-wrap gap-2', dataset: { testid: 'bid-buttons' } });
  const custom = h('input', { class: 'form-control', inputmode: 'decimal', 'aria-label': 'Your bid', placeholder: 'Your bid', dataset: { testid: 'bid-input' } });
  const history = h('ul', { class: 'list-unstyled small mb-0', dataset: { testid: 'bid-history' } });
  const room = panel('Room', 'auction-room-panel');
  room.body.append(h('div', { class: 'row g-3' },
    h('div', { class: 'col-12 col-md-6' }, title, image, description),
    h('div', { class: 'col-12 col-md-6' }, h('div', { class: 'small text-body-secondary' }, 'High bid'), high, bidder,
      h('div', { class: 'small text-body-secondary mt-2' }, 'Time left (server time)'), countdown, notice, result,
      h('div', { class: 'mt-2' }, buttons),
      ctx.user ? h('form', { class: 'input-group mt-2', onsubmit: (e) => { e.preventDefault(); bid(parse_cents(custom.value)); } },
        custom, h('button', { class: 'btn btn-outline-primary', type: 'submit' }, 'Bid')) : h('p', { class: 'mt-2' }, h('a', { href: '#/signin' }, 'Sign in'), ' to bid.'),
      h('h2', { class: 'h6 mt-3' }, 'Bids'), history)));
  root.append(h('a', { href: '#/auctions', class: 'small' }, '← all auctions'), room.panel);

  async function bid(amount) {
    if (!amount || amount < minimum_bid(lot)) return ctx.fail({ code: 'INVALID_AMOUNT' });
    try {
      await ctx.api.post(`/auctions/${encodeURIComponent(id)}/bids`, { amount });
      toast(`Bid ${format_cents(amount)} placed.`, 'success');
    } catch (err) {
      ctx.fail(err);
    }
  }

  function render() {
    if (!lot) return;
    title.textContent = lot.title ?? `Lot ${id}`;
    description.textContent = lot.description ?? '';
    if (lot.image_url) {
      image.src = lot.image_url;
      image.classList.remove('d-none');
    }
    high.textContent = lot.high_bid == null ? `start ${format_cents(lot.start_price)}` : format_cents(lot.high_bid);
    bidder.textContent = lot.high_bidder != null ? `by ${bidder_label(lot.high_bidder, ctx.user)}` : 'no bids yet';
    const running = lot.status === 'RUNNING';
    fill(buttons, running && ctx.user
      ? bid_steps(lot).map((amount, i) => h('button', { class: `btn ${i === 0 ? 'btn-primary' : 'btn-outline-primary'}`, type: 'button',
        dataset: { testid: `bid-${i}`, amount: String(amount) }, onclick: () => bid(amount) }, `Bid ${format_cents(amount)}`))
      : []);
    if (lot.status === 'ENDED' || lot.status === 'CANCELLED') {
      result.textContent = lot.status === 'CANCELLED' ? 'Cancelled.'
        : lot.winner ? `Sold to ${lot.winner} for ${format_cents(lot.final_price ?? lot.high_bid)}.` : 'No sale: the reserve was not met.';
      result.classList.remove('d-none');
    }
    tick();
  }

  function tick() {
    const end = ms(lot, 'end_time');
    if (lot?.status === 'SCHEDULED') countdown.textContent = `starts ${new Date(ms(lot, 'start_time') ?? 0).toLocaleTimeString([], { hour12: false })}`;
    else countdown.textContent = end === null ? '—' : format_countdown(lot.status === 'RUNNING' ? end - clock.now() : 0);
  }

  function add_bid(b) {
    history.prepend(h('li', {}, `${format_cents(b.amount)} by ${bidder_label(b.bidder, ctx.user)}`));
  }

  const off = ctx.ws.subscribe(`auction.${id}`, (msg) => {
    const d = msg.data ?? {};
    clock.sample(d.server_time_ms ?? msg.server_time_ms);
    if (msg.type === 'state') {
      lot = { ...d };
      history.replaceChildren();
      for (const b of d.bids ?? []) add_bid(b);
    } else if (!lot) {
      return;
    } else if (msg.type === 'bid') {
      lot = { ...lot, high_bid: d.amount, high_bidder: d.bidder, ...(ms(d, 'end_time') ? { end_time_ms: ms(d, 'end_time') } : {}) };
      add_bid(d);
    } else if (msg.type === 'timer') {
      if (ms(d, 'end_time')) lot.end_time_ms = ms(d, 'end_time');
    } else if (msg.type === 'extended') {
      lot.end_time_ms = ms(d, 'end_time');
      notice.textContent = `Extended: a late bid moved the end to ${new Date(lot.end_time_ms).toLocaleTimeString([], { hour12: false })}.`;
      notice.classList.remove('d-none');
    } else if (msg.type === 'ended') {
      lot = { ...lot, ...d, status: d.status ?? 'ENDED' };
    }
    render();
  });
  ctx.api.get(`/auctions/${encodeURIComponent(id)}`).then((body) => {
    if (!lot) {
      lot = body;
      clock.sample(body.server_time_ms);
      render();
    }
  }).catch((err) => ctx.fail(err));
  const timer = setInterval(tick, 250);
  return () => {
    clearInterval(timer);
    off();
  };
}

export function mount(root, ctx, route) {
  return route.params[0] ? mount_room(root, ctx, route.params[0]) : mount_list(root, ctx);
}
