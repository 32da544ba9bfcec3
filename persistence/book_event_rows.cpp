#include "persistence/book_event_rows.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <optional>

#include "persistence/enum_names.hpp"

namespace bourse {
namespace {

std::int64_t as_bigint(std::uint64_t value) noexcept {
  return std::bit_cast<std::int64_t>(value);
}

std::uint64_t from_bigint(std::int64_t value) noexcept {
  return std::bit_cast<std::uint64_t>(value);
}

} // namespace

table_rows make_book_event_rows() {
  return table_rows{"book_events",
                    {"symbol", "seq", "kind", "time_ns", "order_id", "user_id", "client_ref", "side", "price",
                     "quantity", "remaining", "reason", "maker_order_id", "maker_user_id", "maker_client_ref",
                     "maker_remaining"}};
}

void append_book_event(table_rows& rows, std::string_view symbol, const book_event& event) {
  rows.add(symbol, as_bigint(event.seq), enum_name(event_kind_names, event.kind), event.time,
           as_bigint(event.order), as_bigint(event.owner), as_bigint(event.client_ref),
           enum_name(side_names, event.order_side), event.price, event.qty, event.remaining,
           to_string(event.reason), as_bigint(event.maker_order), as_bigint(event.maker_owner),
           as_bigint(event.maker_client_ref), event.maker_remaining);
}

pg_expected<std::vector<book_event>> load_book_events(pg_connection& conn, std::string_view symbol,
                                                      sequence after) {
  auto found = conn.exec("SELECT seq, kind, time_ns, order_id, user_id, client_ref, side, price, quantity,"
                         " remaining, reason, maker_order_id, maker_user_id, maker_client_ref,"
                         " maker_remaining FROM book_events WHERE symbol = $1 AND seq > $2 ORDER BY seq",
                         symbol, as_bigint(after));
  if (!found)
    return found.error();
  const auto& rows = *found;
  std::vector<book_event> events(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    auto& event = events[static_cast<std::size_t>(row)];
    event.seq = from_bigint(rows.int64(row, 0));
    const auto kind = parse_enum<book_event_kind>(event_kind_names, rows.text(row, 1));
    const auto reason = reason_code_from_string(rows.text(row, 10));
    if (!kind || !reason)
      return pg_error{reason_code::persistence_failed, {}, "book_events row with unknown kind or reason"};
    event.kind = *kind;
    event.reason = *reason;
    event.time = rows.int64(row, 2);
    event.order = from_bigint(rows.int64(row, 3));
    event.owner = from_bigint(rows.int64(row, 4));
    event.client_ref = from_bigint(rows.int64(row, 5));
    event.order_side = rows.text(row, 6) == "BUY" ? side::buy : side::sell;
    event.price = rows.int64(row, 7);
    event.qty = rows.int64(row, 8);
    event.remaining = rows.int64(row, 9);
    event.maker_order = from_bigint(rows.int64(row, 11));
    event.maker_owner = from_bigint(rows.int64(row, 12));
    event.maker_client_ref = from_bigint(rows.int64(row, 13));
    event.maker_remaining = rows.int64(row, 14);
  }
  return events;
}

} // namespace bourse
