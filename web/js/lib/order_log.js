// This session's finished orders and fills, kept from the private `orders` channel for as long as the
// node serves no order history or executions over REST (docs/web.md). Newest first, at most `limit`.

/// Returns {history, fills, apply(msg, now_ns)}: apply records a CLOSED `order` event in history and a
/// `fill` event ({symbol, side, qty, price?}) in fills, stamped with now_ns (ns UTC) when the event has
/// no time; other messages are ignored. Returns true when a list changed.
export function create_order_log(limit = 200) {
  const log = { history: [], fills: [] };
  const add = (list, entry) => {
    list.unshift(entry);
    if (list.length > limit) list.length = limit;
  };
  log.apply = (msg, now_ns) => {
    const d = msg?.data;
    if (!d || typeof d !== 'object') return false;
    if (msg.type === 'fill') {
      add(log.fills, { time: now_ns, ...d });
      return true;
    }
    if (msg.type === 'order' && d.status === 'CLOSED') {
      add(log.history, { time: now_ns, ...d });
      return true;
    }
    return false;
  };
  return log;
}
