// Trading screen: book ladder, order entry, open orders, history and fills for one symbol.

import { h, panel, toast } from '../ui/dom.js';
import { route_hash } from '../lib/router.js';
import { format_cents, format_shares } from '../lib/money.js';
import { reason_text, reason_with_code } from '../lib/reasons.js';
import { create_ladder } from '../ui/ladder.js';
import { create_order_ticket } from '../ui/order_ticket.js';
import { create_orders_panel } from '../ui/orders_panel.js';
import { follow_account, follow_orders, order_id_of } from '../ui/account_feed.js';
import { risk_view } from '../ui/market_state.js';

/// Sends over the WebSocket when it is open, else over REST.
function place(ctx, order) {
  return ctx.ws.status === 'open' ? ctx.ws.request('order.new', order) : ctx.api.post('/orders', order);
}

export function mount(root, ctx, route) {
  if (!ctx.user) {
    root.append(h('div', { class: 'alert alert-info' }, 'Sign in to trade. ', h('a', { href: '#/signin' }, 'Sign in'), ' or watch the ', h('a', { href: '#/market' }, 'market'), '.'));
    return null;
  }
  const offs = [];
  let mounted = true;
  ctx.market.ready.then(() => {
    if (!mounted) return;
    const symbol = route.params[0] ?? ctx.market.default_symbol();
    const inst = ctx.market.instruments.get(symbol);
    if (!inst) {
      root.append(h('div', { class: 'alert alert-warning' }, reason_text('UNKNOWN_SYMBOL')));
      return;
    }
    const picker = h('select', { class: 'form-select form-select-sm w-auto', 'aria-label': 'Instrument', dataset: { testid: 'symbol-picker' },
      onchange: (e) => { location.hash = route_hash('trade', e.target.value); } },
    [...ctx.market.instruments.keys()].sort().map((s) => h('option', { value: s, selected: s === symbol }, s)));
    const book = panel('Order book', 'trade-book-panel');
    const entry = panel('Order entry', 'order-entry-panel');
    const orders = panel('Orders', 'orders-panel');
    const summary = h('div', { class: 'small text-body-secondary', dataset: { testid: 'trade-summary' } });
    root.append(h('div', { class: 'd-flex align-items-center gap-2 mb-2' }, h('h1', { class: 'h5 mb-0' }, 'Trade'), picker, summary),
      h('div', { class: 'row g-3' },
        h('div', { class: 'col-12 col-md-6 col-xl-3 order-2 order-md-1' }, book.panel),
        h('div', { class: 'col-12 col-md-6 col-xl-3 order-1 order-md-2' }, entry.panel),
        h('div', { class: 'col-12 col-xl-6 order-3' }, orders.panel)));

    let open_prices = new Set();
    let last_book = null;
    const ticket = create_order_ticket(ctx, inst, async (order) => {
      const reply = await place(ctx, order);
      toast(`Order sent: ${order.side} ${format_shares(order.quantity)} ${order.symbol}${order.price ? ` @ ${format_cents(order.price)}` : ''}`, 'success');
      return reply;
    });
    const ladder = create_ladder({ on_pick: (price) => ticket.set_price(price), mine: () => open_prices });
    book.body.append(ladder.el);
    entry.body.append(ticket.el);
    if (route.query.price) ticket.set_price(Number(route.query.price));

    const actions = {
      cancel: (o) => (ctx.ws.status === 'open'
        ? ctx.ws.request('order.cancel', { order_id: order_id_of(o), symbol: o.symbol })
        : ctx.api.del(`/orders/${encodeURIComponent(order_id_of(o))}`)),
      replace: (o, price) => {
        const fields = { order_id: order_id_of(o), symbol: o.symbol, price, quantity: o.quantity ?? o.open_quantity };
        return ctx.ws.status === 'open' ? ctx.ws.request('order.replace', fields) : ctx.api.patch(`/orders/${encodeURIComponent(order_id_of(o))}`, fields);
      },
    };
    const orders_view = create_orders_panel(ctx, actions);
    orders.body.append(orders_view.el);

    offs.push(ctx.market.book_feed(symbol, (b) => { last_book = b; ladder.render(b); }));
    offs.push(follow_account(ctx, (account) => {
      const view = risk_view(account);
      ticket.set_account(view);
      const pos = view.positions[symbol] ?? { spot: 0, margin: 0 };
      summary.textContent = `Buying power ${format_cents(view.free_cash)} · ${symbol} spot ${format_shares(pos.spot)} · margin ${format_shares(pos.margin)}`;
    }));
    offs.push(follow_orders(ctx, (lists) => {
      open_prices = new Set(lists.open.filter((o) => o.symbol === symbol).map((o) => o.price));
      orders_view.render(lists);
      if (last_book) ladder.render(last_book);
    }, (msg) => {
      const d = msg.data ?? {};
      if (msg.type === 'fill') toast(`Filled ${format_shares(d.qty ?? d.quantity)} ${d.symbol}${d.price ? ` @ ${format_cents(d.price)}` : ''}`, 'info');
      if (msg.type === 'order' && d.status === 'REJECTED') toast(reason_with_code(d.reason), 'danger');
    }));
  });
  return () => {
    mounted = false;
    for (const off of offs) off();
  };
}
