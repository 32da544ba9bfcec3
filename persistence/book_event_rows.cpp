#include "persistence/book_event_rows.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <optional>

#include "persistence/copy_reader.hpp"
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
  std::vector<book_event> events;
  std::int64_t value[11] = {};
  auto copied = copy_out(
      conn,
      "SELECT seq, time_ns, order_id, user_id, client_ref, price, quantity, remaining, maker_order_id,"
      " maker_user_id, maker_client_ref, maker_remaining, kind, side, reason FROM book_events WHERE symbol "
      "= " +
          sql_literal(symbol) + " AND seq > " + std::to_string(as_bigint(after)) + " ORDER BY seq",
      15, [&](copy_fields f) {
        auto& event = events.emplace_back();
        std::int64_t seq = 0;
        bool ok = parse_int64(f[0], seq);
        for (std::size_t i = 0; i < 11; ++i)
          ok = parse_int64(f[i + 1], value[i]) && ok;
        const auto kind = parse_enum<book_event_kind>(event_kind_names, f[12]);
        const auto order_side = parse_enum<side>(side_names, f[13]);
        const auto reason = reason_code_from_string(f[14]);
        if (!ok || !kind || !order_side || !reason)
          return false;
        event.seq = from_bigint(seq);
        event.time = value[0];
        event.order = from_bigint(value[1]);
        event.owner = from_bigint(value[2]);
        event.client_ref = from_bigint(value[3]);
        event.price = value[4];
        event.qty = value[5];
        event.remaining = value[6];
        event.maker_order = from_bigint(value[7]);
        event.maker_owner = from_bigint(value[8]);
        event.maker_client_ref = from_bigint(value[9]);
        event.maker_remaining = value[10];
        event.kind = *kind;
        event.order_side = *order_side;
        event.reason = *reason;
        return true;
      });
  if (!copied)
    return copied.error();
  return events;
}

} // namespace bourse
