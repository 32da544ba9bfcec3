#include "actors/book/order_book.hpp"

#include "tests/actors/book/book_fixture.hpp"

namespace bourse::testing {
namespace {

using enum book_event_kind;

template <class Book>
class stop_and_replace_test : public book_test<Book> {
protected:
  /// Makes a trade at `price` between accounts 8 and 9.
  void trade_at(cents price) {
    this->put(this->limit(8, side::sell, price, 10));
    this->put(this->limit(9, side::buy, price, 10));
  }
};
TYPED_TEST_SUITE(stop_and_replace_test, book_types);

TYPED_TEST(stop_and_replace_test, buy_stop_triggers_when_last_reaches_stop_price) {
  this->put(this->limit(1, side::sell, 10'100, 500));
  const auto s = this->put(this->stop(2, side::buy, 10'050, 50));
  EXPECT_EQ(this->kinds(), (std::vector{accepted}));
  this->trade_at(10'045);
  EXPECT_EQ(this->kinds(), (std::vector{accepted, fill}));
  this->trade_at(10'050);
  ASSERT_EQ(this->kinds(), (std::vector{accepted, fill, triggered, fill}));
  EXPECT_EQ(this->ev[2].order, s);
  EXPECT_EQ(this->ev[3].order, s);
  EXPECT_EQ(this->ev[3].price, 10'100);
}

TYPED_TEST(stop_and_replace_test, sell_stop_triggers_when_last_falls_to_stop_price) {
  this->put(this->limit(1, side::buy, 9'900, 500));
  this->put(this->stop(2, side::sell, 9'950, 50));
  this->trade_at(9'955);
  EXPECT_EQ(this->kinds(), (std::vector{accepted, fill}));
  this->trade_at(9'950);
  EXPECT_EQ(this->kinds(), (std::vector{accepted, fill, triggered, fill}));
}

TYPED_TEST(stop_and_replace_test, stop_already_triggered_at_entry_triggers_immediately) {
  this->trade_at(10'000);
  this->put(this->limit(1, side::sell, 10'100, 500));
  this->put(this->stop(2, side::buy, 9'995, 50));
  EXPECT_EQ(this->kinds(), (std::vector{accepted, triggered, fill}));
}

TYPED_TEST(stop_and_replace_test, stop_never_triggers_before_the_first_trade) {
  this->put(this->stop(2, side::sell, 9'995, 50));
  EXPECT_EQ(this->kinds(), (std::vector{accepted}));
  EXPECT_FALSE(this->book.find(this->ev[0].order)->triggered);
}

TYPED_TEST(stop_and_replace_test, triggered_stops_run_one_at_a_time_in_order_id_order) {
  this->put(this->limit(1, side::sell, 10'010, 10));
  this->put(this->limit(1, side::sell, 10'020, 10));
  const auto low_id = this->put(this->stop(2, side::buy, 10'000, 10));
  const auto high_id = this->put(this->stop(3, side::buy, 9'995, 10));
  this->trade_at(10'000);
  ASSERT_EQ(this->kinds(), (std::vector{accepted, fill, triggered, fill, triggered, fill}));
  EXPECT_EQ(this->ev[2].order, low_id);
  EXPECT_EQ(this->ev[3].price, 10'010);
  EXPECT_EQ(this->ev[4].order, high_id);
  EXPECT_EQ(this->ev[5].price, 10'020);
}

TYPED_TEST(stop_and_replace_test, trade_by_a_triggered_stop_triggers_further_stops) {
  this->put(this->limit(1, side::sell, 10'010, 10));
  this->put(this->limit(1, side::sell, 10'020, 10));
  const auto later = this->put(this->stop(2, side::buy, 10'010, 10));
  const auto first = this->put(this->stop(3, side::buy, 10'000, 10));
  this->trade_at(10'000);
  ASSERT_EQ(this->kinds(), (std::vector{accepted, fill, triggered, fill, triggered, fill}));
  EXPECT_EQ(this->ev[2].order, first);
  EXPECT_EQ(this->ev[4].order, later);
}

TYPED_TEST(stop_and_replace_test, stop_limit_rests_as_limit_after_trigger) {
  auto r = this->limit(2, side::buy, 10'005, 50);
  r.type = order_type::stop_limit;
  r.stop_price = 10'000;
  const auto id = this->put(r);
  this->trade_at(10'000);
  EXPECT_EQ(this->kinds(), (std::vector{accepted, fill, triggered}));
  EXPECT_TRUE(this->book.find(id)->triggered);
  EXPECT_EQ(this->levels(side::buy), (std::vector<price_level_view>{{10'005, 50, 1}}));
}

TYPED_TEST(stop_and_replace_test, reducing_quantity_at_same_price_keeps_priority) {
  const auto a = this->put(this->limit(1, side::sell, 10'000, 100));
  const auto b = this->put(this->limit(2, side::sell, 10'000, 100));
  this->replace(a, 1, 10'000, 60);
  ASSERT_EQ(this->kinds(), (std::vector{replaced}));
  EXPECT_EQ(this->ev[0].qty, 100);
  EXPECT_EQ(this->ev[0].remaining, 60);
  this->put(this->limit(3, side::buy, 10'000, 10));
  EXPECT_EQ(this->makers(), (std::vector{a}));
  (void)b;
}

TYPED_TEST(stop_and_replace_test, reduction_is_of_open_quantity_after_partial_fill) {
  const auto a = this->put(this->limit(1, side::sell, 10'000, 100));
  this->put(this->limit(3, side::buy, 10'000, 70));
  this->replace(a, 1, 10'000, 40); // open is 30: 40 is an increase, loses priority
  EXPECT_EQ(this->ev[0].qty, 30);
  EXPECT_EQ(this->book.find(a)->open_qty, 40);
}

TYPED_TEST(stop_and_replace_test, price_change_or_increase_loses_priority) {
  const auto a = this->put(this->limit(1, side::sell, 10'000, 100));
  const auto b = this->put(this->limit(2, side::sell, 10'000, 100));
  this->replace(a, 1, 10'000, 110);
  this->put(this->limit(3, side::buy, 10'000, 10));
  EXPECT_EQ(this->makers(), (std::vector{b}));
}

TYPED_TEST(stop_and_replace_test, replace_to_crossing_price_trades) {
  this->put(this->limit(1, side::sell, 10'000, 100));
  const auto b = this->put(this->limit(2, side::buy, 9'990, 50));
  this->replace(b, 2, 10'000, 50);
  ASSERT_EQ(this->kinds(), (std::vector{replaced, fill}));
  EXPECT_EQ(this->ev[1].order, b);
}

TYPED_TEST(stop_and_replace_test, replace_of_pending_stop_is_not_allowed) {
  const auto s = this->put(this->stop(2, side::buy, 10'050, 50));
  this->replace(s, 2, 10'050, 40);
  EXPECT_EQ(this->ev[0].reason, reason_code::replace_not_allowed);
}

TYPED_TEST(stop_and_replace_test, post_only_replace_that_would_cross_leaves_order_unchanged) {
  this->put(this->limit(1, side::sell, 10'000, 100));
  auto r = this->limit(2, side::buy, 9'990, 50);
  r.post_only = true;
  const auto id = this->put(r);
  const auto before = this->book.find(id);
  this->replace(id, 2, 10'000, 50);
  EXPECT_EQ(this->ev[0].reason, reason_code::post_only_would_cross);
  EXPECT_EQ(this->book.find(id), before);
}

TYPED_TEST(stop_and_replace_test, cancel_removes_order_and_checks_owner) {
  const auto id = this->put(this->limit(1, side::buy, 9'990, 50));
  this->cancel(id, 2);
  EXPECT_EQ(this->ev[0].reason, reason_code::unknown_order);
  this->cancel(id, 1);
  ASSERT_EQ(this->kinds(), (std::vector{cancelled}));
  EXPECT_EQ(this->ev[0].qty, 50);
  EXPECT_EQ(this->ev[0].reason, reason_code::cancelled_by_user);
  this->cancel(id, 1);
  EXPECT_EQ(this->ev[0].reason, reason_code::unknown_order);
}

TYPED_TEST(stop_and_replace_test, cancel_all_removes_orders_and_stops_in_id_order) {
  const auto a = this->put(this->limit(1, side::buy, 9'990, 50));
  this->put(this->limit(2, side::buy, 9'990, 50));
  const auto s = this->put(this->stop(1, side::sell, 9'000, 50));
  const auto c = this->put(this->limit(1, side::sell, 10'990, 50));
  this->ev.clear();
  this->book.cancel_all(1, this->now_, reason_code::liquidation, this->ev);
  ASSERT_EQ(this->kinds(), (std::vector{cancelled, cancelled, cancelled}));
  EXPECT_EQ(this->ev[0].order, a);
  EXPECT_EQ(this->ev[1].order, s);
  EXPECT_EQ(this->ev[2].order, c);
  EXPECT_EQ(this->ev[2].reason, reason_code::liquidation);
  EXPECT_EQ(this->book.open_order_count(), 1u);
}

} // namespace
} // namespace bourse::testing
