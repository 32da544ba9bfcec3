// Order history and fills: the server's lists (GET /orders?status=ALL, GET /executions) merged with
// the private `orders` channel's events of this session, newest first. Prices cents, quantities shares,
// times ns UTC (JSON numbers or decimal strings).

/// Order states that never change again (docs/api_contract: FILLED, CANCELED, REJECTED, EXPIRED; the
/// channel's CLOSED too).
const final_states = new Set(['FILLED', 'CANCELED', 'CANCELLED', 'REJECTED', 'EXPIRED', 'CLOSED']);

/// The time of an order or fill in ns as a Number (ordering only), 0 when absent.
export function time_of(entry) {
  const t = entry?.time_ns ?? entry?.updated_time ?? entry?.time;
  const n = typeof t === 'string' ? Number(t) : t;
  return Number.isFinite(n) ? n : 0;
}

/// A copy sorted newest first; ties keep the input order.
export function newest_first(list) {
  return list.map((e, i) => [e, i]).sort((a, b) => time_of(b[0]) - time_of(a[0]) || a[1] - b[1]).map(([e]) => e);
}

/// A fill in the contract's shape {symbol, order_id?, side, price?, quantity, fee?, liquidity?, time_ns}
/// from either it or the older channel shape {qty, time}.
export function normalize_fill(f) {
  const { qty, time, ...rest } = f;
  return { ...rest, quantity: f.quantity ?? qty, time_ns: f.time_ns ?? time };
}

/// Identity of a fill: symbol, order, time, price and quantity (the channel's events carry no execution
/// seq); null when the fill has no order id or time (older channel events cannot be matched).
export function fill_key(f) {
  if (f.order_id == null || f.time_ns == null) return null;
  return `${f.symbol}|${f.order_id}|${Number(f.time_ns)}|${f.price}|${f.quantity}`;
}

/// Fills to show: the server's executions (null when the node serves none) plus the channel's fills that
/// the server list does not hold yet, newest first, at most `limit`. Without a server list every
/// channel fill counts; with one, channel fills that cannot be matched (no order id or time) are dropped
/// because the server list covers them.
export function merge_fills(served, live, limit = 100) {
  const live_fills = live.map(normalize_fill);
  if (!served) return newest_first(live_fills).slice(0, limit);
  const out = served.map(normalize_fill);
  const seen = new Set(out.map(fill_key));
  for (const f of live_fills) {
    const key = fill_key(f);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return newest_first(out).slice(0, limit);
}

/// Orders to show in the history: the server's list (null when not served) with this session's channel
/// events laid over it by order id. A final state always wins over an open one, so a channel CLOSED
/// replaces a stale server OPEN and a server FILLED is not undone by a late channel event.
export function merge_orders(served, live, limit = 100) {
  const by_id = new Map();
  const rest = [];
  for (const o of served ?? []) {
    if (o.order_id == null) rest.push(o);
    else by_id.set(String(o.order_id), o);
  }
  for (const o of live) {
    const id = o.order_id == null ? null : String(o.order_id);
    const known = id === null ? undefined : by_id.get(id);
    if (id === null) rest.push(o);
    else if (!known) by_id.set(id, o);
    else if (!final_states.has(known.status) && final_states.has(o.status))
      by_id.set(id, { ...known, ...o, time_ns: known.time_ns ?? o.time_ns });
  }
  return newest_first([...by_id.values(), ...rest]).slice(0, limit);
}

const status_tones = { OPEN: 'info', PARTIALLY_FILLED: 'info', FILLED: 'success', CANCELED: 'secondary', CANCELLED: 'secondary',
  CLOSED: 'secondary', REJECTED: 'danger', EXPIRED: 'warning' };

/// Display label of an order's status: {text, tone (Bootstrap colour), reason (code or null; none for
/// NONE and CANCELLED_BY_USER, which the text already says)}. A
/// cancelled or expired order with fills reads "Partly filled, cancelled"; an unknown status is shown as
/// it is.
export function status_label(o) {
  const status = o?.status ?? 'OPEN';
  const filled = Number(o?.filled_quantity ?? 0) > 0;
  const reason = o?.reason && o.reason !== 'NONE' && o.reason !== 'CANCELLED_BY_USER' ? o.reason : null;
  const words = {
    OPEN: filled ? 'Partly filled' : 'Open', PARTIALLY_FILLED: 'Partly filled', FILLED: 'Filled',
    CANCELED: filled ? 'Partly filled, cancelled' : 'Cancelled', CANCELLED: filled ? 'Partly filled, cancelled' : 'Cancelled',
    CLOSED: filled ? 'Closed, filled' : 'Closed', REJECTED: 'Rejected', EXPIRED: filled ? 'Partly filled, expired' : 'Expired',
  };
  return { text: words[status] ?? String(status), tone: status_tones[status] ?? 'secondary', reason };
}
