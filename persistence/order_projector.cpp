#include "persistence/order_projector.hpp"
#include "persistence/exclusive_projection.hpp"

#include <chrono>
#include <optional>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include "persistence/order_projection.hpp"
#include "persistence/pg_text.hpp"

namespace bourse {
namespace {

/// Books with commands past their cursor: a skip scan of book_commands' primary key finds the
/// symbols (one index probe each), the cursor table says where each book stands.
constexpr const char* books_sql = R"sql(
WITH RECURSIVE books(symbol) AS (
  SELECT min(symbol) FROM book_commands
  UNION ALL
  SELECT (SELECT min(c.symbol) FROM book_commands c WHERE c.symbol > b.symbol) FROM books b
  WHERE b.symbol IS NOT NULL)
SELECT b.symbol, coalesce(k.cmd_seq, 0), coalesce(k.last_seq, 0)
FROM books b LEFT JOIN order_projection_cursors k ON k.symbol = b.symbol
WHERE b.symbol IS NOT NULL
  AND EXISTS (SELECT 1 FROM book_commands c WHERE c.symbol = b.symbol AND c.cmd_seq > coalesce(k.cmd_seq, 0)))sql";

constexpr const char* commands_sql = R"sql(
SELECT cmd_seq, last_seq, kind, user_id, client_ref, side, type, tif, price, stop_price, quantity,
       display_quantity, expire_time_ns, post_only, stp
FROM book_commands WHERE symbol = $1 AND cmd_seq > $2 ORDER BY cmd_seq LIMIT $3)sql";

constexpr const char* events_sql = R"sql(
SELECT seq, kind, time_ns, order_id, user_id, client_ref, price, quantity, remaining, reason,
       maker_order_id, maker_remaining
FROM book_events WHERE symbol = $1 AND seq > $2 AND seq <= $3 ORDER BY seq)sql";

constexpr const char* existing_sql = R"sql(
SELECT book_order_id, user_id, client_order_id, side, type, tif, stp, price, stop_price, quantity,
       display_quantity, expire_time_ns, post_only, status, coalesce(reason, ''), filled_quantity,
       created_ns, updated_ns
FROM orders WHERE symbol = $1 AND book_order_id = ANY($2::bigint[]))sql";

constexpr const char* stage_sql = R"sql(
CREATE TEMP TABLE order_projection_stage (
  fresh BOOLEAN, symbol TEXT, book_order_id BIGINT, user_id BIGINT, client_order_id BIGINT, side TEXT,
  type TEXT, tif TEXT, stp TEXT, price BIGINT, stop_price BIGINT, quantity BIGINT,
  display_quantity BIGINT, expire_time_ns BIGINT, post_only BOOLEAN, status TEXT, reason TEXT,
  filled_quantity BIGINT, created_ns BIGINT, updated_ns BIGINT) ON COMMIT DELETE ROWS)sql";

constexpr const char* insert_sql = R"sql(
INSERT INTO orders (symbol, book_order_id, user_id, client_order_id, side, type, tif, stp, price,
                    stop_price, quantity, display_quantity, expire_time_ns, post_only, status, reason,
                    filled_quantity, created_ns, updated_ns)
SELECT symbol, book_order_id, user_id, client_order_id, side, type, tif, stp, price, stop_price,
       quantity, display_quantity, expire_time_ns, post_only, status, reason, filled_quantity,
       created_ns, updated_ns
FROM order_projection_stage WHERE fresh ORDER BY created_ns
ON CONFLICT DO NOTHING)sql";

constexpr const char* update_sql = R"sql(
UPDATE orders o SET price = s.price, quantity = s.quantity, status = s.status, reason = s.reason,
                    filled_quantity = s.filled_quantity, updated_ns = s.updated_ns
FROM order_projection_stage s
WHERE NOT s.fresh AND o.symbol = s.symbol AND o.book_order_id = s.book_order_id)sql";

/// The journal tails of the accounts with new orders: a margin PLACE (accepted by the account) is
/// remembered until its order is projected, a later REFUSED (the book executed nothing) forgets it.
/// Their PLACE entry is durable no later than their SUBMIT, so it is in this tail or remembered.
constexpr const char* margin_tail_sql = R"sql(
WITH fresh AS (SELECT DISTINCT user_id FROM order_projection_stage WHERE fresh),
tail AS (
  SELECT j.user_id, j.seq, j.kind, j.client_order_id, j.margin, j.result
  FROM fresh f LEFT JOIN order_projection_accounts a ON a.user_id = f.user_id
  JOIN account_journal j ON j.user_id = f.user_id AND j.seq > coalesce(a.seq, 0)),
latest AS (
  SELECT DISTINCT ON (user_id, client_order_id) user_id, client_order_id, kind, margin, result
  FROM tail WHERE kind IN ('PLACE', 'REFUSED') ORDER BY user_id, client_order_id, seq DESC),
remembered AS (
  INSERT INTO order_projection_margin (user_id, client_order_id)
  SELECT user_id, client_order_id FROM latest WHERE kind = 'PLACE' AND margin AND result = 'NONE'
  ON CONFLICT DO NOTHING),
forgotten AS (
  DELETE FROM order_projection_margin m USING latest l
  WHERE l.kind = 'REFUSED' AND m.user_id = l.user_id AND m.client_order_id = l.client_order_id),
moved AS (
  INSERT INTO order_projection_accounts (user_id, seq) SELECT user_id, max(seq) FROM tail GROUP BY user_id
  ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq)
SELECT count(*) FROM tail)sql";

constexpr const char* margin_sql = R"sql(
WITH matched AS (
  DELETE FROM order_projection_margin m USING orders o
  WHERE o.user_id = m.user_id AND o.client_order_id = m.client_order_id
  RETURNING m.user_id, m.client_order_id)
UPDATE orders o SET margin = true FROM matched m
WHERE o.user_id = m.user_id AND o.client_order_id = m.client_order_id)sql";

constexpr const char* cursor_sql = R"sql(
INSERT INTO order_projection_cursors (symbol, cmd_seq, last_seq, updated_ns) VALUES ($1, $2, $3, $4)
ON CONFLICT (symbol) DO UPDATE SET cmd_seq = excluded.cmd_seq, last_seq = excluded.last_seq,
                                   updated_ns = excluded.updated_ns)sql";

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

submit_row read_submit(const pg_rows& rows, int r) {
  return {.user_id = rows.int64(r, 3),
          .client_ref = rows.int64(r, 4),
          .side = std::string(rows.text(r, 5)),
          .type = std::string(rows.text(r, 6)),
          .tif = std::string(rows.text(r, 7)),
          .stp = std::string(rows.text(r, 14)),
          .price = rows.int64(r, 8),
          .stop_price = rows.int64(r, 9),
          .qty = rows.int64(r, 10),
          .display_qty = rows.int64(r, 11),
          .expire_time = rows.int64(r, 12),
          .post_only = rows.boolean(r, 13)};
}

event_row read_event(const pg_rows& rows, int r) {
  return {.seq = rows.int64(r, 0),
          .kind = std::string(rows.text(r, 1)),
          .time = rows.int64(r, 2),
          .order_id = rows.int64(r, 3),
          .user_id = rows.int64(r, 4),
          .client_ref = rows.int64(r, 5),
          .price = rows.int64(r, 6),
          .qty = rows.int64(r, 7),
          .remaining = rows.int64(r, 8),
          .reason = std::string(rows.text(r, 9)),
          .maker_order_id = rows.int64(r, 10),
          .maker_remaining = rows.int64(r, 11)};
}

order_row read_order(const pg_rows& rows, int r) {
  return {.book_order_id = rows.int64(r, 0),
          .user_id = rows.int64(r, 1),
          .client_order_id = rows.int64(r, 2),
          .side = std::string(rows.text(r, 3)),
          .type = std::string(rows.text(r, 4)),
          .tif = std::string(rows.text(r, 5)),
          .stp = std::string(rows.text(r, 6)),
          .price = rows.int64(r, 7),
          .stop_price = rows.int64(r, 8),
          .qty = rows.int64(r, 9),
          .display_qty = rows.int64(r, 10),
          .expire_time = rows.int64(r, 11),
          .post_only = rows.boolean(r, 12),
          .status = std::string(rows.text(r, 13)),
          .reason = std::string(rows.text(r, 14)),
          .filled = rows.int64(r, 15),
          .created = rows.int64(r, 16),
          .updated = rows.int64(r, 17)};
}

std::optional<std::string_view> null_if_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string_view>{text};
}

} // namespace

order_projector::order_projector(pg_connection& conn, std::int64_t max_commands_per_book)
    : conn_(conn), max_commands_(max_commands_per_book), writer_(conn),
      stage_("order_projection_stage", {"fresh",
                                        "symbol",
                                        "book_order_id",
                                        "user_id",
                                        "client_order_id",
                                        "side",
                                        "type",
                                        "tif",
                                        "stp",
                                        "price",
                                        "stop_price",
                                        "quantity",
                                        "display_quantity",
                                        "expire_time_ns",
                                        "post_only",
                                        "status",
                                        "reason",
                                        "filled_quantity",
                                        "created_ns",
                                        "updated_ns"}) {
}

pg_expected<projection_stats> order_projector::run() {
  stage_.clear();
  staged_fresh_ = 0;
  staged_existing_ = 0;
  if (!stage_ready_) {
    if (auto staged = conn_.exec(stage_sql); !staged)
      return staged.error();
    stage_ready_ = true;
  }
  return run_exclusive_projection<projection_stats>(
      conn_, lock_key, [this](projection_stats stats) { return project(stats); });
}

pg_expected<projection_stats> order_projector::project(projection_stats stats) {
  auto books = conn_.exec(books_sql);
  if (!books)
    return books.error();
  if (books->rows() == 0)
    return stats;
  const auto now = now_ns();
  for (int r = 0; r < books->rows(); ++r) {
    book_cursor cursor{std::string(books->text(r, 0)), books->int64(r, 1), books->int64(r, 2)};
    if (auto done = project_book(cursor, stats); !done)
      return done.error();
    if (auto moved = conn_.exec(cursor_sql, cursor.symbol, cursor.cmd_seq, cursor.last_seq, now); !moved)
      return moved.error();
    ++stats.books;
  }
  if (auto written = write(stats); !written)
    return written.error();
  return stats;
}

pg_expected<void> order_projector::project_book(book_cursor& cursor, projection_stats& stats) {
  auto commands = conn_.exec(commands_sql, cursor.symbol, cursor.cmd_seq, max_commands_);
  if (!commands)
    return commands.error();
  order_fold fold;
  const int last = commands->rows() - 1;
  for (int r = 0; r <= last; ++r)
    if (commands->text(r, 2) == "SUBMIT")
      fold.add_submit(read_submit(*commands, r));
  const auto from_seq = cursor.last_seq;
  cursor.cmd_seq = commands->int64(last, 0);
  cursor.last_seq = commands->int64(last, 1);
  stats.commands += commands->rows();

  auto event_rows = conn_.exec(events_sql, cursor.symbol, from_seq, cursor.last_seq);
  if (!event_rows)
    return event_rows.error();
  std::vector<event_row> events;
  events.reserve(static_cast<std::size_t>(event_rows->rows()));
  for (int r = 0; r < event_rows->rows(); ++r)
    events.push_back(read_event(*event_rows, r));
  stats.events += event_rows->rows();

  if (const auto before = order_fold::touched_before(events); !before.empty()) {
    auto existing = conn_.exec(existing_sql, cursor.symbol, pg_bigint_array(before));
    if (!existing)
      return existing.error();
    for (int r = 0; r < existing->rows(); ++r)
      fold.add_existing(read_order(*existing, r));
  }
  for (const auto& e : events)
    fold.apply(e);
  stats.orphans += fold.orphans();
  for (const auto& o : fold.rows()) {
    const auto book_order_id =
        o.book_order_id == 0 ? std::nullopt : std::optional<std::int64_t>{o.book_order_id};
    stage_.add(o.fresh, cursor.symbol, book_order_id, o.user_id, o.client_order_id, o.side, o.type, o.tif,
               o.stp, o.price, o.stop_price, o.qty, o.display_qty, o.expire_time, o.post_only, o.status,
               null_if_empty(o.reason), o.filled, o.created, o.updated);
    (o.fresh ? staged_fresh_ : staged_existing_) += 1;
  }
  return {};
}

pg_expected<void> order_projector::write(projection_stats& stats) {
  if (stage_.empty())
    return {};
  if (auto copied = writer_.write(stage_); !copied)
    return copied.error();
  auto inserted = conn_.exec(insert_sql);
  if (!inserted)
    return inserted.error();
  stats.inserted = inserted->affected();
  stats.duplicates = staged_fresh_ - stats.inserted;
  if (staged_existing_ > 0) {
    auto updated = conn_.exec(update_sql);
    if (!updated)
      return updated.error();
    stats.updated = updated->affected();
  }
  if (stats.inserted == 0)
    return {};
  auto tail = conn_.exec(margin_tail_sql);
  if (!tail)
    return tail.error();
  stats.entries = tail->int64(0, 0);
  if (auto flagged = conn_.exec(margin_sql); !flagged)
    return flagged.error();
  return {};
}

} // namespace bourse
