#include "net/ws/order_feed.hpp"

#include "net/ws/channel.hpp"

#include <gtest/gtest.h>

namespace bourse::net::ws {
namespace {

open_order_view resting(order_id id, quantity qty) {
  return open_order_view{"AAA", id, id * 10, side::buy, 9'900, qty};
}

TEST(order_feed, new_partial_and_gone_orders_become_events_in_id_order) {
  account_view before;
  before.open_orders = {resting(1, 10), resting(2, 5), resting(3, 7)};
  account_view after;
  after.open_orders = {resting(2, 5), resting(3, 4), resting(4, 1)};
  auto events = order_events(before, after);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].at("order_id").as_uint64(), 1U);
  EXPECT_EQ(events[0].at("status").as_string(), "CLOSED");
  EXPECT_EQ(events[1].at("status").as_string(), "PARTIALLY_FILLED");
  EXPECT_EQ(events[1].at("filled_quantity").as_int64(), 3);
  EXPECT_EQ(events[2].at("status").as_string(), "OPEN");
  EXPECT_TRUE(order_events(after, after).empty());
}

TEST(order_feed, a_fill_notice_becomes_a_fill_event_with_the_executions_fields) {
  fill_notice fill{"AAA", 42, 7, 70, side::sell, 10'050, 3, 15, liquidity::maker, 1'700'000'000'000'000'000};
  auto event = fill_json(fill);
  EXPECT_EQ(event.at("symbol").as_string(), "AAA");
  EXPECT_EQ(event.at("seq").as_uint64(), 42U);
  EXPECT_EQ(event.at("order_id").as_uint64(), 7U);
  EXPECT_EQ(event.at("client_order_id").as_uint64(), 70U);
  EXPECT_EQ(event.at("side").as_string(), "SELL");
  EXPECT_EQ(event.at("price").as_int64(), 10'050);
  EXPECT_EQ(event.at("quantity").as_int64(), 3);
  EXPECT_EQ(event.at("fee").as_int64(), 15);
  EXPECT_EQ(event.at("liquidity").as_string(), "MAKER");
  EXPECT_EQ(event.at("time_ns").as_int64(), 1'700'000'000'000'000'000);
}

TEST(channel, names_parse_to_kinds_and_unknown_symbols_are_refused) {
  instrument_table table;
  table.emplace("AAA", instrument{});
  auto candles = parse_channel("candles.AAA.5m", table);
  ASSERT_EQ(candles.code, reason_code::none);
  EXPECT_EQ(candles.value.kind, channel_kind::candles);
  EXPECT_EQ(candles.value.interval_s, 300);
  EXPECT_EQ(parse_channel("book.ZZZ", table).code, reason_code::unknown_symbol);
  EXPECT_EQ(parse_channel("candles.AAA.7m", table).code, reason_code::malformed_request);
  EXPECT_EQ(parse_channel("auction.12", table).value.auction, 12U);
  EXPECT_EQ(parse_channel("auction.x", table).code, reason_code::malformed_request);
  EXPECT_TRUE(is_private(parse_channel("orders", table).value.kind));
  EXPECT_EQ(parse_channel("bogus", table).code, reason_code::malformed_request);
}

} // namespace
} // namespace bourse::net::ws
