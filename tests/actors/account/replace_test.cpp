#include "actors/account/ledger.hpp"

#include <gtest/gtest.h>

#include "tests/actors/account/account_fixture.hpp"

namespace bourse {
namespace {

using test::fill;
using test::limit;

/// What a spot buy of `qty` at `price` reserves on OMNI (5 bps fee, 1 cent slack per share).
cents buy_hold(cents price, quantity qty) {
  return *required_cash(order_intent::spot_buy, price, qty, 5, 0, 1);
}

book_event replaced(account_id owner, std::uint64_t ref, cents price, quantity old_open, quantity remaining) {
  return {.kind = book_event_kind::replaced,
          .order = 9,
          .owner = owner,
          .client_ref = ref,
          .price = price,
          .qty = old_open,
          .remaining = remaining};
}

book_event replace_rejected(account_id owner, std::uint64_t ref, reason_code why) {
  return {.kind = book_event_kind::rejected, .order = 9, .owner = owner, .client_ref = ref, .reason = why};
}

class replace : public ::testing::Test {
protected:
  void SetUp() override {
    ledger_.open(1);
    ledger_.open(2);
    ASSERT_EQ(ledger_.deposit(1, 1'000'000), reason_code::none);
    ASSERT_EQ(ledger_.deposit(2, 1'000'000), reason_code::none);
    ASSERT_EQ(ledger_.issue_shares(2, "OMNI", 500), reason_code::none);
    ASSERT_EQ(ledger_.place(omni_, limit(1, 7, side::buy, 1'000, 100), false), reason_code::none);
  }
  account& buyer() { return *ledger_.find(1); }
  account& seller() { return *ledger_.find(2); }
  void expect_conserved() const {
    EXPECT_EQ(ledger_.cash_imbalance(), 0);
    EXPECT_EQ(ledger_.share_imbalance("OMNI"), 0);
  }

  instrument omni_ = test::omni();
  ledger ledger_;
};

TEST_F(replace, growing_a_buy_holds_the_larger_order_until_the_book_confirms) {
  ASSERT_EQ(buyer().prepare_replace(omni_, 7, 1'010, 150), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), buy_hold(1'010, 150));
  EXPECT_EQ(buyer().prepare_replace(omni_, 7, 1'020, 150), reason_code::replace_not_allowed);
  ASSERT_EQ(ledger_.apply(omni_, replaced(1, 7, 1'010, 100, 150)), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), buy_hold(1'010, 150));
  EXPECT_EQ(buyer().find_order(7)->price, 1'010);
  EXPECT_EQ(buyer().find_order(7)->open_qty, 150);
  EXPECT_EQ(buyer().free_cash(), 1'000'000 - buy_hold(1'010, 150));
  expect_conserved();
}

TEST_F(replace, shrinking_keeps_the_old_hold_until_the_book_confirms_then_trims) {
  ASSERT_EQ(buyer().prepare_replace(omni_, 7, 990, 40), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), buy_hold(1'000, 100));
  ASSERT_EQ(ledger_.apply(omni_, replaced(1, 7, 990, 100, 40)), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), buy_hold(990, 40));
  expect_conserved();
}

TEST_F(replace, without_buying_power_it_is_refused_and_nothing_changes) {
  const cents free = buyer().free_cash();
  EXPECT_EQ(buyer().prepare_replace(omni_, 7, 1'000, 1'000), reason_code::insufficient_buying_power);
  EXPECT_EQ(buyer().free_cash(), free);
  EXPECT_EQ(buyer().find_order(7)->replace_price, 0);
  EXPECT_EQ(buyer().prepare_replace(omni_, 8, 1'000, 10), reason_code::unknown_order);
  EXPECT_EQ(buyer().prepare_replace(omni_, 7, 1'000, 0), reason_code::invalid_quantity);
  EXPECT_EQ(buyer().prepare_replace(omni_, 7, 0, 10), reason_code::invalid_price);
}

TEST_F(replace, a_book_rejection_returns_what_was_held) {
  ASSERT_EQ(buyer().prepare_replace(omni_, 7, 1'050, 200), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, replace_rejected(1, 7, reason_code::outside_price_band)), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), buy_hold(1'000, 100));
  EXPECT_EQ(buyer().find_order(7)->open_qty, 100);
  EXPECT_EQ(buyer().abort_replace(7), reason_code::unknown_order);
  expect_conserved();
}

TEST_F(replace, a_sell_holds_extra_shares_and_refuses_more_than_it_owns) {
  ASSERT_EQ(ledger_.place(omni_, limit(2, 3, side::sell, 1'020, 200), false), reason_code::none);
  EXPECT_EQ(seller().prepare_replace(omni_, 3, 1'020, 600), reason_code::insufficient_shares);
  ASSERT_EQ(seller().prepare_replace(omni_, 3, 1'030, 450), reason_code::none);
  EXPECT_EQ(seller().find_position("OMNI")->spot, 50);
  EXPECT_EQ(seller().find_position("OMNI")->spot_reserved, 450);
  ASSERT_EQ(ledger_.apply(omni_, replace_rejected(2, 3, reason_code::outside_price_band)), reason_code::none);
  EXPECT_EQ(seller().find_position("OMNI")->spot, 300);
  EXPECT_EQ(seller().find_position("OMNI")->spot_reserved, 200);
  expect_conserved();
}

TEST_F(replace, a_fill_that_closes_the_order_drops_the_pending_replace) {
  ASSERT_EQ(ledger_.place(omni_, limit(2, 3, side::sell, 1'000, 100), false), reason_code::none);
  ASSERT_EQ(buyer().prepare_replace(omni_, 7, 1'000, 300), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, fill(2, 3, side::sell, 1, 7, 1'000, 100)), reason_code::none);
  EXPECT_EQ(buyer().find_order(7), nullptr);
  EXPECT_EQ(buyer().reserved_cash(), 0);
  expect_conserved();
}

TEST_F(replace, fills_racing_the_replace_are_covered_from_free_shares_or_the_order_is_cut) {
  ASSERT_EQ(ledger_.place(omni_, limit(2, 3, side::sell, 1'000, 300), false), reason_code::none);
  ASSERT_EQ(seller().prepare_replace(omni_, 3, 1'010, 300), reason_code::none);
  // 250 shares trade at the old price before the book sees the replace, which re-opens 300 shares:
  // the seller has 200 free shares left, so 200 + the 50 still held are covered.
  ASSERT_EQ(ledger_.place(omni_, limit(1, 8, side::buy, 1'000, 150), false), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, fill(1, 7, side::buy, 2, 3, 1'000, 100)), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, fill(1, 8, side::buy, 2, 3, 1'000, 150)), reason_code::none);
  EXPECT_EQ(ledger_.apply(omni_, replaced(2, 3, 1'010, 50, 300)), reason_code::insufficient_shares);
  EXPECT_EQ(seller().find_order(3)->open_qty, 250);
  EXPECT_EQ(seller().find_position("OMNI")->spot, 0);
  EXPECT_EQ(seller().find_position("OMNI")->spot_reserved, 250);
  expect_conserved();
}

TEST_F(replace, a_buy_short_of_cash_after_racing_fills_is_cut_to_what_cash_covers) {
  ASSERT_EQ(ledger_.place(omni_, limit(2, 3, side::sell, 1'000, 100), false), reason_code::none);
  ASSERT_EQ(buyer().prepare_replace(omni_, 7, 1'000, 990), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, fill(2, 3, side::sell, 1, 7, 1'000, 90)), reason_code::none);
  EXPECT_EQ(ledger_.apply(omni_, replaced(1, 7, 1'000, 10, 990)), reason_code::insufficient_buying_power);
  const reservation& r = *buyer().find_order(7);
  EXPECT_LT(r.open_qty, 990);
  EXPECT_GE(r.cash, *required_cash(r));
  EXPECT_LT(buyer().free_cash(), buy_hold(1'000, 1));
  EXPECT_GE(buyer().free_cash(), 0);
  expect_conserved();
}

TEST_F(replace, a_reducing_account_may_shrink_but_not_grow_an_opening_order) {
  buyer().set_state(risk_state::reducing);
  EXPECT_EQ(buyer().prepare_replace(omni_, 7, 1'000, 101), reason_code::account_reducing_only);
  EXPECT_EQ(buyer().prepare_replace(omni_, 7, 1'000, 50), reason_code::none);
  buyer().set_state(risk_state::halted);
  EXPECT_EQ(buyer().abort_replace(7), reason_code::none);
  EXPECT_EQ(buyer().prepare_replace(omni_, 7, 1'000, 50), reason_code::account_halted);
}

} // namespace
} // namespace bourse
