// The signed-in player's account and orders: REST first, then the private `account` and `orders`
// channels. Order and fill messages trigger a debounced reload of the REST lists; history and fills are
// the REST lists merged with the channel's events (lib/history.js, lib/order_log.js).

import { list_of } from './market_state.js';
import { unless_missing } from '../lib/api.js';
import { create_order_log } from '../lib/order_log.js';
import { merge_fills, merge_orders } from '../lib/history.js';

/// Rows asked for in the order history and fill lists.
const history_limit = 100;

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

/// A function that runs fn once, `ms` after its last call.
function debounce(fn, ms) {
  let timer = null;
  const run = () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  run.cancel = () => clearTimeout(timer);
  return run;
}

/// Calls on_orders({open, history, fills}) now and after orders-channel messages; returns unsubscribe.
/// open is GET /orders, reloaded (debounced) after every message. history is GET /orders?status=ALL and
/// fills GET /executions (each null while the node does not serve it), merged with this session's
/// channel events (lib/history.js) and reloaded after a `fill` or a finished order and every slow_ms
/// (ms; failures of the timed reload are not toasted).
/// on_event(msg) sees every orders-channel message (fills and rejections for toasts).
export function follow_orders(ctx, on_orders, on_event = () => {}, { slow_ms = 30000 } = {}) {
  let alive = true;
  let open = [];
  let served_history = null;
  let served_fills = null;
  const log = create_order_log();
  const render = () => alive && on_orders({ open, history: merge_orders(served_history, log.history),
    fills: merge_fills(served_fills, log.fills) });
  const fail = (err) => alive && ctx.fail(err);
  const load_open = () => ctx.api.get('/orders').then((body) => {
    open = list_of(body, 'orders');
    render();
  }).catch(fail);
  const load_history = (quiet = false) => Promise.all([
    unless_missing(ctx.api.get(`/orders?status=ALL&limit=${history_limit}`)),
    unless_missing(ctx.api.get(`/executions?limit=${history_limit}`)),
  ]).then(([orders, executions]) => {
    served_history = orders && list_of(orders, 'orders');
    served_fills = executions && list_of(executions, 'executions');
    render();
  }).catch((err) => quiet || fail(err));
  const reload_open = debounce(load_open, 150);
  const reload_history = debounce(load_history, 300);
  load_open();
  load_history();
  const timer = setInterval(() => load_history(true), slow_ms); // quiet: the connection badge shows outages
  const off = ctx.ws.subscribe('orders', (msg) => {
    on_event(msg);
    if (log.apply(msg, Date.now() * 1e6)) render();
    reload_open();
    if (msg.type === 'fill' || (msg.type === 'order' && msg.data?.status === 'CLOSED')) reload_history();
  });
  return () => {
    alive = false;
    reload_open.cancel();
    reload_history.cancel();
    clearInterval(timer);
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
