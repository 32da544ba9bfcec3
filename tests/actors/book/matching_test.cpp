#include "actors/book/order_book.hpp"

#include "tests/actors/book/book_fixture.hpp"

namespace bourse::testing {
namespace {

using enum book_event_kind;

template <class Book>
class matching_test : public book_test<Book> {};
TYPED_TEST_SUITE(matching_test, book_types);

TYPED_TEST(matching_test, limit_order_rests_and_shows_in_depth) {
  const auto id = this->put(this->limit(1, side::buy, 9'990, 100));
  ASSERT_EQ(this->kinds(), (std::vector{accepted}));
  EXPECT_EQ(this->ev[0].order, id);
  EXPECT_EQ(this->ev[0].remaining, 100);
  EXPECT_EQ(this->levels(side::buy), (std::vector<price_level_view>{{9'990, 100, 1}}));
  EXPECT_EQ(this->book.top(), (top_of_book{9'990, 100, 0, 0}));
}

TYPED_TEST(matching_test, better_price_first_then_time_and_fill_at_maker_price) {
  const auto a = this->put(this->limit(1, side::sell, 10'010, 100));
  const auto b = this->put(this->limit(2, side::sell, 10'010, 100));
  const auto c = this->put(this->limit(3, side::sell, 10'005, 100));
  const auto t = this->put(this->limit(4, side::buy, 10'020, 250));
  EXPECT_EQ(this->makers(), (std::vector{c, a, b}));
  EXPECT_EQ(this->ev[1].price, 10'005);
  EXPECT_EQ(this->ev[2].price, 10'010);
  EXPECT_EQ(this->ev[3].order, t);
  EXPECT_EQ(this->ev[3].qty, 50);
  EXPECT_EQ(this->ev[3].remaining, 0);
  EXPECT_EQ(this->ev[3].maker_remaining, 50);
  EXPECT_EQ(this->book.last_trade_price(), 10'010);
}

TYPED_TEST(matching_test, sequence_numbers_are_consecutive_including_rejections) {
  this->put(this->limit(1, side::sell, 10'000, 100));
  this->put(this->limit(1, side::sell, 10'001, 100));
  this->put(this->limit(2, side::buy, 10'000, 100));
  EXPECT_EQ(this->ev[0].seq, 3u);
  EXPECT_EQ(this->ev[1].seq, 4u);
  EXPECT_EQ(this->book.last_sequence(), 4u);
}

TYPED_TEST(matching_test, market_order_takes_liquidity_and_cancels_remainder) {
  this->put(this->limit(1, side::sell, 10'000, 50));
  this->put(this->market(2, side::buy, 80));
  ASSERT_EQ(this->kinds(), (std::vector{accepted, fill, cancelled}));
  EXPECT_EQ(this->ev[2].qty, 30);
  EXPECT_EQ(this->ev[2].reason, reason_code::ioc_remainder);
}

TYPED_TEST(matching_test, market_order_stops_at_the_band_limit) {
  this->put(this->limit(1, side::sell, 10'900, 50));
  this->book.set_reference_price(9'000); // band now [8'100, 9'900]
  this->put(this->market(2, side::buy, 50));
  EXPECT_EQ(this->kinds(), (std::vector{accepted, cancelled}));
}

TYPED_TEST(matching_test, market_order_needs_ioc_or_fok) {
  EXPECT_EQ(this->put(this->market(2, side::buy, 50, time_in_force::gtc)), 0u);
  EXPECT_EQ(this->ev[0].reason, reason_code::invalid_time_in_force);
}

TYPED_TEST(matching_test, ioc_limit_cancels_unfilled_remainder) {
  this->put(this->limit(1, side::sell, 10'000, 50));
  auto r = this->limit(2, side::buy, 10'000, 100);
  r.tif = time_in_force::ioc;
  this->put(r);
  ASSERT_EQ(this->kinds(), (std::vector{accepted, fill, cancelled}));
  EXPECT_EQ(this->ev[2].reason, reason_code::ioc_remainder);
  EXPECT_TRUE(this->levels(side::buy).empty());
}

TYPED_TEST(matching_test, fok_that_cannot_fill_trades_nothing) {
  this->put(this->limit(1, side::sell, 10'000, 50));
  auto r = this->limit(2, side::buy, 10'000, 100);
  r.tif = time_in_force::fok;
  this->put(r);
  ASSERT_EQ(this->kinds(), (std::vector{accepted, cancelled}));
  EXPECT_EQ(this->ev[1].reason, reason_code::fok_not_fillable);
  EXPECT_EQ(this->levels(side::sell), (std::vector<price_level_view>{{10'000, 50, 1}}));
}

TYPED_TEST(matching_test, fok_fills_across_levels_and_counts_hidden_iceberg_quantity) {
  auto ice = this->limit(1, side::sell, 10'000, 100);
  ice.display_qty = 20;
  this->put(ice);
  this->put(this->limit(3, side::sell, 10'005, 30));
  auto r = this->limit(2, side::buy, 10'005, 130);
  r.tif = time_in_force::fok;
  this->put(r);
  EXPECT_EQ(this->makers().size(), 6u);
  EXPECT_EQ(this->ev.back().remaining, 0);
  EXPECT_EQ(this->book.open_order_count(), 0u);
}

TYPED_TEST(matching_test, fok_blocked_by_own_order_under_cancel_newest) {
  this->put(this->limit(2, side::sell, 10'000, 50));
  this->put(this->limit(1, side::sell, 10'000, 100));
  auto r = this->limit(2, side::buy, 10'000, 100);
  r.tif = time_in_force::fok;
  this->put(r);
  EXPECT_EQ(this->ev.back().reason, reason_code::fok_not_fillable);
  EXPECT_EQ(this->book.open_order_count(), 2u);
}

TYPED_TEST(matching_test, fok_skips_own_order_under_cancel_oldest) {
  const auto own = this->put(this->limit(2, side::sell, 10'000, 50));
  this->put(this->limit(1, side::sell, 10'000, 100));
  auto r = this->limit(2, side::buy, 10'000, 100);
  r.tif = time_in_force::fok;
  r.stp = stp_mode::cancel_oldest;
  this->put(r);
  ASSERT_EQ(this->kinds(), (std::vector{accepted, cancelled, fill}));
  EXPECT_EQ(this->ev[1].order, own);
  EXPECT_EQ(this->ev[1].reason, reason_code::self_trade_prevented);
}

TYPED_TEST(matching_test, fok_counts_own_order_under_decrement) {
  this->put(this->limit(2, side::sell, 10'000, 50));
  this->put(this->limit(1, side::sell, 10'000, 50));
  auto r = this->limit(2, side::buy, 10'000, 100);
  r.tif = time_in_force::fok;
  r.stp = stp_mode::decrement;
  this->put(r);
  ASSERT_EQ(this->kinds(), (std::vector{accepted, cancelled, cancelled, fill}));
  EXPECT_EQ(this->ev[3].remaining, 0);
}

TYPED_TEST(matching_test, post_only_that_would_cross_is_rejected) {
  this->put(this->limit(1, side::sell, 10'000, 50));
  auto r = this->limit(2, side::buy, 10'000, 50);
  r.post_only = true;
  EXPECT_EQ(this->put(r), 0u);
  EXPECT_EQ(this->ev[0].reason, reason_code::post_only_would_cross);
  r.price = 9'995;
  EXPECT_NE(this->put(r), 0u);
  EXPECT_EQ(this->kinds(), (std::vector{accepted}));
}

TYPED_TEST(matching_test, post_only_is_limit_only) {
  auto r = this->market(2, side::buy, 50);
  r.post_only = true;
  this->put(r);
  EXPECT_EQ(this->ev[0].reason, reason_code::post_only_not_limit);
}

TYPED_TEST(matching_test, gtd_order_expires_when_clock_reaches_expire_time) {
  auto r = this->limit(1, side::buy, 9'990, 50);
  r.tif = time_in_force::gtd;
  r.expire_time = 5'000;
  const auto id = this->put(r);
  this->ev.clear();
  this->book.expire_due(4'999, this->ev);
  EXPECT_TRUE(this->ev.empty());
  this->book.expire_due(5'000, this->ev);
  ASSERT_EQ(this->kinds(), (std::vector{expired}));
  EXPECT_EQ(this->ev[0].order, id);
  EXPECT_EQ(this->ev[0].reason, reason_code::expired);
  EXPECT_EQ(this->book.open_order_count(), 0u);
}

TYPED_TEST(matching_test, gtd_with_past_expire_time_is_rejected) {
  auto r = this->limit(1, side::buy, 9'990, 50);
  r.tif = time_in_force::gtd;
  r.expire_time = this->now_;
  this->put(r);
  EXPECT_EQ(this->ev[0].reason, reason_code::invalid_expire_time);
}

TYPED_TEST(matching_test, end_of_day_expires_only_day_orders) {
  auto r = this->limit(1, side::buy, 9'990, 50);
  r.tif = time_in_force::day;
  const auto day = this->put(r);
  this->put(this->limit(1, side::buy, 9'985, 50));
  this->ev.clear();
  this->book.end_of_day(9'000, this->ev);
  ASSERT_EQ(this->kinds(), (std::vector{expired}));
  EXPECT_EQ(this->ev[0].order, day);
  EXPECT_EQ(this->book.open_order_count(), 1u);
}

TYPED_TEST(matching_test, iceberg_shows_display_quantity_and_refill_loses_priority) {
  auto ice = this->limit(1, side::sell, 10'000, 100);
  ice.display_qty = 30;
  const auto a = this->put(ice);
  const auto b = this->put(this->limit(2, side::sell, 10'000, 40));
  EXPECT_EQ(this->levels(side::sell), (std::vector<price_level_view>{{10'000, 70, 2}}));
  this->put(this->limit(3, side::buy, 10'000, 80));
  EXPECT_EQ(this->makers(), (std::vector{a, b, a}));
  EXPECT_EQ(this->ev[3].qty, 10);
  EXPECT_EQ(this->levels(side::sell), (std::vector<price_level_view>{{10'000, 20, 1}}));
  EXPECT_EQ(this->book.find(a)->open_qty, 60);
}

TYPED_TEST(matching_test, halted_book_rejects_orders_and_replaces_but_accepts_cancels) {
  const auto id = this->put(this->limit(1, side::buy, 9'990, 50));
  this->book.set_halted(true);
  this->put(this->limit(1, side::buy, 9'990, 50));
  EXPECT_EQ(this->ev[0].reason, reason_code::instrument_halted);
  this->replace(id, 1, 9'995, 50);
  EXPECT_EQ(this->ev[0].reason, reason_code::instrument_halted);
  this->cancel(id, 1);
  EXPECT_EQ(this->kinds(), (std::vector{cancelled}));
}

} // namespace
} // namespace bourse::testing
