// The signed-in player's account and orders: REST first, then the private `account` and `orders`
// channels. Order and fill messages trigger a debounced reload of the lists (the REST lists are the
// source of truth; messages only say that something changed).

import { list_of } from './market_state.js';

/// Calls on_account(account) now and on every change; returns the unsubscribe function.
export function follow_account(ctx, on_account) {
  let alive = true;
  const load = () => ctx.api.get('/account').then((a) => alive && on_account(a)).catch((err) => alive && ctx.fail(err));
  load();
  const off = ctx.ws.subscribe('account', (msg) => {
    if (msg.data && typeof msg.data === 'object' && !Array.isArray(msg.data)) on_account(msg.data);
  });
  return () => {
    alive = false;
    off();
  };
}

/// Calls on_orders({open, history, fills}) now and after order/fill messages; returns unsubscribe.
/// on_event(msg) sees every orders-channel message (fills and rejections for toasts).
export function follow_orders(ctx, on_orders, on_event = () => {}) {
  let alive = true;
  let timer = null;
  const load = async () => {
    try {
      const [open, history, fills] = await Promise.all([
        ctx.api.get('/orders?status=open'), ctx.api.get('/orders?status=closed'), ctx.api.get('/executions')]);
      if (alive) on_orders({ open: list_of(open, 'orders'), history: list_of(history, 'orders'), fills: list_of(fills, 'executions') });
    } catch (err) {
      if (alive) ctx.fail(err);
    }
  };
  load();
  const off = ctx.ws.subscribe('orders', (msg) => {
    on_event(msg);
    clearTimeout(timer);
    timer = setTimeout(load, 150);
  });
  return () => {
    alive = false;
    clearTimeout(timer);
    off();
  };
}

/// The id of an order from the wire.
export const order_id_of = (o) => o.order_id ?? o.id;

let last_client_id = 0;
/// A fresh client_order_id: a positive integer below 2^53, increasing within the page.
export function next_client_order_id() {
  last_client_id = Math.max(last_client_id + 1, Date.now() * 1000);
  return last_client_id;
}
