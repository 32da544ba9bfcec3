// This session's finished orders and fills from the private `orders` channel, laid over the REST order
// history and executions (lib/history.js) so a fill shows before the next reload. Newest first, at most
// `limit`.

/// Returns {history, fills, apply(msg, now_ns)}: apply records a CLOSED `order` event in history and a
/// `fill` event ({symbol, side, quantity or qty, price?, time_ns?}) in fills, stamped with now_ns (ns UTC) when the event has
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
