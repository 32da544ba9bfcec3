#include "actors/book/order_book.hpp"

#include <gtest/gtest.h>

#include "tests/actors/book/book_fixture.hpp"
#include "tests/support/book_command_gen.hpp"
#include "tests/support/reference_book.hpp"

namespace bourse::testing {
namespace {

TEST(snapshot, restored_books_have_same_hash_and_same_future_events) {
  const auto rules = test_instrument();
  order_book original{rules};
  book_command_gen gen{42, rules};
  std::vector<book_event> events;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 3'000; ++i) {
      events.clear();
      apply(original, gen.next(), events);
      gen.observe(events);
    }
    const auto snap = original.snapshot();
    ASSERT_FALSE(snap.bids.empty());
    ASSERT_FALSE(snap.asks.empty());
    order_book restored{rules, snap};
    reference_book restored_reference{rules, snap};
    EXPECT_EQ(restored.snapshot(), snap);
    EXPECT_EQ(restored.state_hash(), original.state_hash());
    EXPECT_EQ(restored_reference.state_hash(), original.state_hash());
    std::vector<book_event> expected;
    std::vector<book_event> got;
    std::vector<book_event> got_reference;
    for (int i = 0; i < 2'000; ++i) {
      const auto command = gen.next();
      expected.clear();
      got.clear();
      got_reference.clear();
      apply(original, command, expected);
      apply(restored, command, got);
      apply(restored_reference, command, got_reference);
      ASSERT_EQ(got, expected);
      ASSERT_EQ(got_reference, expected);
      gen.observe(expected);
    }
    EXPECT_EQ(restored.state_hash(), original.state_hash());
  }
}

TEST(snapshot, hash_changes_with_any_field) {
  book_snapshot a;
  a.bids.push_back(resting_order{1, {}, 10, 10, false});
  auto b = a;
  b.bids[0].shown_qty = 5;
  auto c = a;
  c.halted = true;
  auto d = a;
  d.asks = a.bids;
  d.bids.clear();
  EXPECT_NE(state_hash(a), state_hash(b));
  EXPECT_NE(state_hash(a), state_hash(c));
  EXPECT_NE(state_hash(a), state_hash(d));
  EXPECT_EQ(state_hash(a), state_hash(book_snapshot{a}));
}

} // namespace
} // namespace bourse::testing
