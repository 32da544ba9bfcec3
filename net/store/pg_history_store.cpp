#include "net/store/pg_history_store.hpp"

namespace bourse::net {
namespace {

/// The account's fills, joined to the fill event for the order's client reference and to the
/// account's FEE row of the fill in the cash ledger.
constexpr const char* executions_sql = R"sql(
SELECT e.symbol, e.seq,
       CASE WHEN e.maker_user_id = $1 THEN e.maker_order_id ELSE e.taker_order_id END,
       CASE WHEN e.maker_user_id = $1 THEN b.maker_client_ref ELSE b.client_ref END,
       CASE WHEN e.maker_user_id <> $1 THEN e.taker_side WHEN e.taker_side = 'BUY' THEN 'SELL' ELSE 'BUY' END,
       e.price, e.quantity,
       coalesce(-fee.amount, 0),
       CASE WHEN e.maker_user_id = $1 THEN 'MAKER' ELSE 'TAKER' END,
       e.time_ns
FROM executions e JOIN book_events b ON b.symbol = e.symbol AND b.seq = e.seq
LEFT JOIN cash_ledger fee ON fee.user_id = $1 AND fee.symbol = e.symbol AND fee.seq = e.seq
                            AND fee.reason = 'FEE'
WHERE (e.maker_user_id = $1 OR e.taker_user_id = $1) AND ($2 = '' OR e.symbol = $2) AND e.time_ns < $3
ORDER BY e.time_ns DESC, e.seq DESC
LIMIT $4)sql";

/// Per placement (an ACCEPTED event, or a REJECTED one without an order id: a refused new order):
/// the latest event of the order other than a fill or a refused cancel or replace (REJECTED with its
/// order id, which changes nothing) — its open quantity then — and the fills since; open = that
/// remaining − later fills.
constexpr const char* orders_sql = R"sql(
SELECT * FROM (
  SELECT p.symbol, p.order_id, p.client_ref, p.side, coalesce(l.price, p.price), p.quantity,
         coalesce(f.filled, 0),
         CASE WHEN p.kind = 'REJECTED' THEN 0 ELSE greatest(l.remaining - coalesce(f.after, 0), 0) END,
         CASE WHEN p.kind = 'REJECTED' THEN 'REJECTED'
              WHEN l.remaining - coalesce(f.after, 0) > 0 THEN 'OPEN'
              WHEN l.kind = 'CANCELLED' THEN 'CANCELED'
              WHEN l.kind = 'EXPIRED' THEN 'EXPIRED'
              ELSE 'FILLED' END AS status,
         CASE WHEN p.kind = 'REJECTED' THEN p.reason WHEN l.kind = 'CANCELLED' THEN l.reason ELSE '' END,
         p.time_ns
  FROM (SELECT symbol, order_id, client_ref, side, price, quantity, kind, reason, time_ns, seq
        FROM book_events
        WHERE user_id = $1 AND (kind = 'ACCEPTED' OR (kind = 'REJECTED' AND order_id = 0))
              AND ($2 = '' OR symbol = $2) AND time_ns < $4
        ORDER BY time_ns DESC, seq DESC LIMIT $5) p
  LEFT JOIN LATERAL (
    SELECT kind, remaining, seq, reason,
           CASE WHEN kind = 'REPLACED' THEN price ELSE NULL END AS price
    FROM book_events
    WHERE p.kind = 'ACCEPTED' AND user_id = $1 AND symbol = p.symbol AND order_id = p.order_id
          AND kind NOT IN ('FILL', 'REJECTED')
    ORDER BY seq DESC LIMIT 1) l ON true
  LEFT JOIN LATERAL (
    SELECT sum(quantity) AS filled, sum(quantity) FILTER (WHERE seq > l.seq) AS after
    FROM executions
    WHERE p.kind = 'ACCEPTED' AND symbol = p.symbol AND time_ns >= p.time_ns
          AND ((taker_user_id = $1 AND taker_order_id = p.order_id)
               OR (maker_user_id = $1 AND maker_order_id = p.order_id))) f ON true
  ORDER BY p.time_ns DESC, p.seq DESC) h
WHERE $3 = '' OR $3 = 'ALL' OR h.status = $3)sql";

/// The account's cash movements, newest first.
constexpr const char* ledger_sql = R"sql(
SELECT amount, reason, coalesce(symbol, ''), coalesce(seq, 0), journal_seq, time_ns
FROM cash_ledger
WHERE user_id = $1 AND ($2 = '' OR symbol = $2) AND time_ns < $3
ORDER BY id DESC
LIMIT $4)sql";

} // namespace

std::vector<execution_record> pg_history_store::executions(const history_query& q) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn.exec(executions_sql, static_cast<std::int64_t>(q.account), q.symbol, q.before, q.limit)
        .value();
  });
  std::vector<execution_record> out;
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r)
    out.push_back({std::string(rows.text(r, 0)), static_cast<sequence>(rows.int64(r, 1)),
                   static_cast<order_id>(rows.int64(r, 2)), static_cast<std::uint64_t>(rows.int64(r, 3)),
                   std::string(rows.text(r, 4)), rows.int64(r, 5), rows.int64(r, 6), rows.int64(r, 7),
                   std::string(rows.text(r, 8)), rows.int64(r, 9)});
  return out;
}

std::vector<order_record> pg_history_store::orders(const history_query& q) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn.exec(orders_sql, static_cast<std::int64_t>(q.account), q.symbol, q.status, q.before, q.limit)
        .value();
  });
  std::vector<order_record> out;
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r)
    out.push_back({std::string(rows.text(r, 0)), static_cast<order_id>(rows.int64(r, 1)),
                   static_cast<std::uint64_t>(rows.int64(r, 2)), std::string(rows.text(r, 3)),
                   rows.int64(r, 4), rows.int64(r, 5), rows.int64(r, 6), rows.int64(r, 7),
                   std::string(rows.text(r, 8)), std::string(rows.text(r, 9)), rows.int64(r, 10)});
  return out;
}

std::vector<ledger_record> pg_history_store::ledger(const history_query& q) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn.exec(ledger_sql, static_cast<std::int64_t>(q.account), q.symbol, q.before, q.limit).value();
  });
  std::vector<ledger_record> out;
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r)
    out.push_back({rows.int64(r, 0), std::string(rows.text(r, 1)), std::string(rows.text(r, 2)),
                   static_cast<sequence>(rows.int64(r, 3)), static_cast<sequence>(rows.int64(r, 4)),
                   rows.int64(r, 5)});
  return out;
}

} // namespace bourse::net
