// The signed-in player's account and orders: REST first, then the private `account` and `orders`
// channels. Order and fill messages trigger a debounced reload of the REST lists; history and fills
// not served over REST are kept from the channel (lib/order_log.js).

import { list_of } from './market_state.js';
import { unless_missing } from '../lib/api.js';
import { create_order_log } from '../lib/order_log.js';

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

/// Calls on_orders({open, history, fills}) now and after orders-channel messages; returns unsubscribe.
/// open is GET /orders, reloaded (debounced) after every message. history is this session's CLOSED
/// events; fills are GET /executions when the node serves it, else this session's `fill` events.
/// on_event(msg) sees every orders-channel message (fills and rejections for toasts).
export function follow_orders(ctx, on_orders, on_event = () => {}) {
  let alive = true;
  let timer = null;
  let open = [];
  let served_fills = null;
  const log = create_order_log();
  const render = () => alive && on_orders({ open, history: log.history, fills: served_fills ?? log.fills });
  const load = async () => {
    try {
      const [orders, executions] = await Promise.all([ctx.api.get('/orders'), unless_missing(ctx.api.get('/executions'))]);
      open = list_of(orders, 'orders');
      served_fills = executions && list_of(executions, 'executions');
      render();
    } catch (err) {
      if (alive) ctx.fail(err);
    }
  };
  load();
  const off = ctx.ws.subscribe('orders', (msg) => {
    on_event(msg);
    if (log.apply(msg, Date.now() * 1e6)) render();
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
