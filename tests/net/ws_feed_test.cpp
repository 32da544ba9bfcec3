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

TEST(order_feed, position_changes_become_fills_priced_by_the_cash_paid_per_share) {
  account_view before;
  before.cash_free = 100'000;
  before.cash_reserved = 9'900;
  before.positions = {{"AAA", 5, 0}, {"BBB", 2, 0}};
  account_view after = before;
  after.cash_free = 100'000 - 3 * 10'003 + 9'900;
  after.cash_reserved = 0;
  after.positions = {{"AAA", 7, 1}, {"BBB", 2, 0}};
  auto fills = fill_events(before, after);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].at("symbol").as_string(), "AAA");
  EXPECT_EQ(fills[0].at("side").as_string(), "BUY");
  EXPECT_EQ(fills[0].at("qty").as_int64(), 3);
  EXPECT_EQ(fills[0].at("price").as_int64(), 10'003);
  EXPECT_TRUE(fill_events(after, after).empty());

  account_view sold = after;
  sold.positions = {{"AAA", 6, 0}, {"CCC", 4, 0}};
  auto both = fill_events(after, sold);
  ASSERT_EQ(both.size(), 3U);
  EXPECT_EQ(both[0].at("side").as_string(), "SELL");
  EXPECT_EQ(both[0].at("qty").as_int64(), 2);
  EXPECT_EQ(both[1].at("symbol").as_string(), "BBB");
  EXPECT_EQ(both[2].at("qty").as_int64(), 4);
  EXPECT_FALSE(both[0].contains("price"));
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
