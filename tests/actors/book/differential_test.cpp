#include "actors/book/order_book.hpp"

#include <gtest/gtest.h>

#include "tests/actors/book/book_fixture.hpp"
#include "tests/support/book_command_gen.hpp"
#include "tests/support/reference_book.hpp"

namespace bourse::testing {
namespace {

#ifdef BOURSE_BOOK_DIFF_COMMANDS
constexpr int commands_per_seed = BOURSE_BOOK_DIFF_COMMANDS;
#else
constexpr int commands_per_seed = 125'000; // 8 seeds: 1M commands
#endif
constexpr int hash_every = 1'000;

class differential_test : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(differential_test, fast_and_reference_books_emit_identical_events_and_states) {
  const auto rules = test_instrument();
  order_book fast{rules};
  reference_book reference{rules};
  book_command_gen gen{GetParam(), rules};
  std::vector<book_event> fast_events;
  std::vector<book_event> reference_events;
  std::size_t fills = 0;
  for (int i = 1; i <= commands_per_seed; ++i) {
    const auto command = gen.next();
    fast_events.clear();
    reference_events.clear();
    apply(fast, command, fast_events);
    apply(reference, command, reference_events);
    ASSERT_EQ(fast_events, reference_events) << "command " << i;
    gen.observe(fast_events);
    for (const auto& e : fast_events)
      fills += e.kind == book_event_kind::fill ? 1 : 0;
    if (i % hash_every == 0) {
      ASSERT_EQ(fast.state_hash(), reference.state_hash()) << "command " << i;
      ASSERT_EQ(fast.top(), reference.top()) << "command " << i;
      ASSERT_EQ(fast.open_order_count(), reference.open_order_count()) << "command " << i;
    }
  }
  EXPECT_EQ(fast.snapshot(), reference.snapshot());
  EXPECT_GT(fills, static_cast<std::size_t>(commands_per_seed / 20)); // the stream really trades
}

INSTANTIATE_TEST_SUITE_P(seeds, differential_test, ::testing::Range<std::uint64_t>(1, 9));

} // namespace
} // namespace bourse::testing
