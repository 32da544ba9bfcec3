#include "actors/book/order_book.hpp"

#include "tests/actors/book/book_fixture.hpp"

namespace bourse::testing {
namespace {

using enum book_event_kind;

template <class Book>
class stp_and_validation_test : public book_test<Book> {
protected:
  /// Account 1 rests a sell of 100 at 10'000 behind nothing; returns its id.
  order_id own_sell() { return this->put(this->limit(1, side::sell, 10'000, 100)); }
  order_request own_buy(stp_mode mode, quantity qty) {
    auto r = this->limit(1, side::buy, 10'000, qty);
    r.stp = mode;
    return r;
  }
  reason_code rejection(const order_request& r) {
    this->put(r);
    EXPECT_EQ(this->kinds(), (std::vector{rejected}));
    return this->ev.at(0).reason;
  }
};
TYPED_TEST_SUITE(stp_and_validation_test, book_types);

TYPED_TEST(stp_and_validation_test, cancel_newest_cancels_the_incoming_order) {
  const auto maker = this->own_sell();
  const auto taker = this->put(this->own_buy(stp_mode::cancel_newest, 50));
  ASSERT_EQ(this->kinds(), (std::vector{accepted, cancelled}));
  EXPECT_EQ(this->ev[1].order, taker);
  EXPECT_EQ(this->ev[1].reason, reason_code::self_trade_prevented);
  EXPECT_EQ(this->book.find(maker)->open_qty, 100);
}

TYPED_TEST(stp_and_validation_test, cancel_oldest_cancels_resting_and_continues) {
  const auto maker = this->own_sell();
  this->put(this->limit(2, side::sell, 10'000, 100));
  this->put(this->own_buy(stp_mode::cancel_oldest, 50));
  ASSERT_EQ(this->kinds(), (std::vector{accepted, cancelled, fill}));
  EXPECT_EQ(this->ev[1].order, maker);
  EXPECT_EQ(this->ev[1].qty, 100);
  EXPECT_EQ(this->ev[1].reason, reason_code::self_trade_prevented);
}

TYPED_TEST(stp_and_validation_test, cancel_both_cancels_both_orders) {
  const auto maker = this->own_sell();
  const auto taker = this->put(this->own_buy(stp_mode::cancel_both, 50));
  ASSERT_EQ(this->kinds(), (std::vector{accepted, cancelled, cancelled}));
  EXPECT_EQ(this->ev[1].order, maker);
  EXPECT_EQ(this->ev[2].order, taker);
  EXPECT_EQ(this->book.open_order_count(), 0u);
}

TYPED_TEST(stp_and_validation_test, decrement_reduces_both_by_the_smaller_quantity) {
  const auto maker = this->own_sell();
  const auto taker = this->put(this->own_buy(stp_mode::decrement, 130));
  ASSERT_EQ(this->kinds(), (std::vector{accepted, cancelled, cancelled}));
  EXPECT_EQ(this->ev[1].order, maker);
  EXPECT_EQ(this->ev[1].remaining, 0);
  EXPECT_EQ(this->ev[2].order, taker);
  EXPECT_EQ(this->ev[2].qty, 100);
  EXPECT_EQ(this->ev[2].remaining, 30);
  EXPECT_EQ(this->levels(side::buy), (std::vector<price_level_view>{{10'000, 30, 1}}));
}

TYPED_TEST(stp_and_validation_test, quantity_rules) {
  EXPECT_EQ(this->rejection(this->limit(1, side::buy, 10'000, 0)), reason_code::invalid_quantity);
  EXPECT_EQ(this->rejection(this->limit(1, side::buy, 10'000, 15)), reason_code::off_lot);
  EXPECT_EQ(this->rejection(this->limit(1, side::buy, 10'000, 100'010)), reason_code::quantity_above_max);
}

TYPED_TEST(stp_and_validation_test, minimum_quantity) {
  this->book = TypeParam([] {
    auto rules = test_instrument();
    rules.min_quantity = 100;
    return rules;
  }());
  EXPECT_EQ(this->rejection(this->limit(1, side::buy, 10'000, 50)), reason_code::quantity_below_min);
}

TYPED_TEST(stp_and_validation_test, price_rules) {
  EXPECT_EQ(this->rejection(this->limit(1, side::buy, 0, 10)), reason_code::invalid_price);
  EXPECT_EQ(this->rejection(this->limit(1, side::buy, 10'001, 10)), reason_code::off_tick);
  EXPECT_EQ(this->rejection(this->limit(1, side::buy, 8'995, 10)), reason_code::outside_price_band);
  EXPECT_EQ(this->rejection(this->limit(1, side::buy, 11'005, 10)), reason_code::outside_price_band);
  EXPECT_NE(this->put(this->limit(1, side::buy, 11'000, 10)), 0u);
}

TYPED_TEST(stp_and_validation_test, stop_price_rules) {
  EXPECT_EQ(this->rejection(this->stop(1, side::buy, 0, 10)), reason_code::invalid_stop_price);
  EXPECT_EQ(this->rejection(this->stop(1, side::buy, 10'002, 10)), reason_code::invalid_stop_price);
  auto r = this->limit(1, side::buy, 10'000, 10);
  r.stop_price = 10'000;
  EXPECT_EQ(this->rejection(r), reason_code::invalid_stop_price);
}

TYPED_TEST(stp_and_validation_test, display_quantity_rules) {
  auto r = this->limit(1, side::buy, 10'000, 100);
  r.display_qty = 110;
  EXPECT_EQ(this->rejection(r), reason_code::invalid_display_quantity);
  r.display_qty = 15;
  EXPECT_EQ(this->rejection(r), reason_code::invalid_display_quantity);
  auto m = this->market(1, side::buy, 100);
  m.display_qty = 10;
  EXPECT_EQ(this->rejection(m), reason_code::invalid_display_quantity);
}

TYPED_TEST(stp_and_validation_test, replace_is_validated) {
  const auto id = this->put(this->limit(1, side::buy, 10'000, 100));
  this->replace(id, 1, 10'001, 100);
  EXPECT_EQ(this->ev[0].reason, reason_code::off_tick);
  this->replace(id, 1, 10'000, 0);
  EXPECT_EQ(this->ev[0].reason, reason_code::invalid_quantity);
  this->replace(id + 1, 1, 10'000, 100);
  EXPECT_EQ(this->ev[0].reason, reason_code::unknown_order);
}

} // namespace
} // namespace bourse::testing
