#include "actors/book/order_book.hpp"

#include "tests/actors/book/book_fixture.hpp"

namespace bourse::testing {
namespace {

/// A 1-cent tick on a large price: 146'925 cents ± 10 % is ~29k levels per side, so the next
/// non-empty level can be hundreds of bitset words away from the best (the backtester's case).
instrument wide_instrument() {
  instrument rules;
  rules.symbol = "WIDE";
  rules.reference_price = 146'925;
  rules.price_band_bps = 1'000;
  return rules;
}

template <class Book>
class sparse_ladder_test : public book_test<Book> {
protected:
  sparse_ladder_test() { this->book = Book{wide_instrument()}; }
};
TYPED_TEST_SUITE(sparse_ladder_test, book_types);

TYPED_TEST(sparse_ladder_test, best_moves_to_the_far_edge_of_the_band_when_the_top_empties) {
  const auto low = band_low(wide_instrument());
  const auto high = band_high(wide_instrument());
  this->put(this->limit(1, side::buy, low, 10));
  const auto bid = this->put(this->limit(1, side::buy, 146'924, 10));
  this->put(this->limit(2, side::sell, high, 10));
  const auto ask = this->put(this->limit(2, side::sell, 146'926, 20));
  EXPECT_EQ(this->book.top(), (top_of_book{146'924, 10, 146'926, 20}));
  this->cancel(ask, 2);
  this->cancel(bid, 1);
  EXPECT_EQ(this->book.top(), (top_of_book{low, 10, high, 10}));
  this->put(this->market(3, side::sell, 10));
  this->put(this->market(3, side::buy, 10));
  EXPECT_EQ(this->book.top(), top_of_book{});
}

TYPED_TEST(sparse_ladder_test, depth_walks_levels_spread_over_the_whole_window) {
  const auto low = band_low(wide_instrument());
  for (cents p = low; p < low + 29'000; p += 997)
    this->put(this->limit(1, side::buy, p, 10));
  std::vector<price_level_view> out;
  this->book.depth(side::buy, 100, out);
  ASSERT_EQ(out.size(), 30u);
  EXPECT_EQ(out.front().price, low + 29 * 997);
  EXPECT_EQ(out.back().price, low);
}

TYPED_TEST(sparse_ladder_test, window_grows_when_the_reference_price_moves_far) {
  const auto low = band_low(wide_instrument());
  this->put(this->limit(1, side::buy, low, 10));
  this->book.set_reference_price(400'000); // the band now lies entirely above the old window
  this->put(this->limit(1, side::buy, 380'000, 10));
  this->put(this->limit(2, side::sell, 420'000, 10));
  EXPECT_EQ(this->book.top(), (top_of_book{380'000, 10, 420'000, 10}));
  this->put(this->market(2, side::sell, 20)); // trades 10 at 380'000; the old bid is outside the band
  EXPECT_EQ(this->book.last_trade_price(), 380'000);
  EXPECT_EQ(this->book.top(), (top_of_book{low, 10, 420'000, 10}));
}

TEST(order_book_reserve, a_reserved_book_grows_past_its_hint_and_matches_normally) {
  order_book book{wide_instrument()};
  book.reserve(5'000);
  std::vector<book_event> out;
  for (cents p = 140'000; p < 146'000; ++p) // 6,000 resting bids: past the hint and one pool chunk
    book.submit({.owner = 1, .order_side = side::buy, .price = p, .qty = 1}, 1, out);
  EXPECT_EQ(book.open_order_count(), 6'000u);
  out.clear();
  book.submit({.owner = 2, .order_side = side::sell, .price = 140'000, .qty = 6'000}, 2, out);
  EXPECT_EQ(book.open_order_count(), 0u);
  EXPECT_EQ(out.back().kind, book_event_kind::fill);
  EXPECT_EQ(out.back().price, 140'000);
  EXPECT_EQ(book.last_trade_price(), 140'000);
}

} // namespace
} // namespace bourse::testing
