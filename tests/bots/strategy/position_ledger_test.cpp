#include "bots/strategy/position_ledger.hpp"

#include <gtest/gtest.h>

namespace bourse::bots {
namespace {

TEST(position_ledger, long_round_trip_realizes_average_cost_pnl) {
  position_ledger ledger(1'000'000);
  EXPECT_FALSE(ledger.apply_fill(side::buy, 100, 10, 0).closed);
  EXPECT_FALSE(ledger.apply_fill(side::buy, 130, 10, 0).closed); // average 115
  const auto partial = ledger.apply_fill(side::sell, 120, 5, 3);
  EXPECT_TRUE(partial.closed);
  EXPECT_EQ(partial.realized, 5 * (120 - 115) - 3);
  EXPECT_EQ(ledger.position(), 15);
  const auto rest = ledger.apply_fill(side::sell, 110, 15, 0);
  EXPECT_EQ(rest.realized, 15 * (110 - 115));
  EXPECT_EQ(ledger.position(), 0);
  EXPECT_EQ(ledger.cost_basis(), 0);
  EXPECT_EQ(ledger.cash(), 1'000'000 + ledger.realized_pnl());
}

TEST(position_ledger, short_then_flip_to_long) {
  position_ledger ledger(0);
  ledger.apply_fill(side::sell, 200, 4, 0);
  EXPECT_EQ(ledger.position(), -4);
  const auto flip = ledger.apply_fill(side::buy, 150, 10, 0); // closes 4 at +50 each, opens 6 long
  EXPECT_TRUE(flip.closed);
  EXPECT_EQ(flip.realized, 4 * 50);
  EXPECT_EQ(ledger.position(), 6);
  EXPECT_EQ(ledger.cost_basis(), 6 * 150);
  EXPECT_EQ(ledger.pnl(150), 200);
}

} // namespace
} // namespace bourse::bots
