#include "actors/account/ledger.hpp"

#include <gtest/gtest.h>

#include "tests/actors/account/account_fixture.hpp"

namespace bourse {
namespace {

using test::cancelled;
using test::fill;
using test::limit;
using test::market;

class spot : public ::testing::Test {
protected:
  void SetUp() override {
    ledger_.open(1);
    ledger_.open(2);
    ASSERT_EQ(ledger_.deposit(1, 1'000'000), reason_code::none);
    ASSERT_EQ(ledger_.issue_shares(2, "OMNI", 500), reason_code::none);
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

TEST_F(spot, limit_buy_reserves_notional_fee_and_rounding_slack) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 7, side::buy, 1'000, 100), false), reason_code::none);
  // 100 × 1000 + ceil(100'000 × 5 / 10'000) + 1 cent per lot
  EXPECT_EQ(buyer().reserved_cash(), 100'000 + 50 + 100);
  EXPECT_EQ(buyer().free_cash(), 1'000'000 - 100'150);
  EXPECT_EQ(buyer().find_order(7)->open_qty, 100);
}

TEST_F(spot, market_buy_reserves_at_band_high) {
  ASSERT_EQ(ledger_.place(omni_, market(1, 7, side::buy, 10), false), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), 10 * 1'100 + 6 + 10);
}

TEST_F(spot, fill_below_limit_releases_price_improvement_and_pays_house) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 7, side::buy, 1'000, 100), false), reason_code::none);
  ASSERT_EQ(ledger_.place(omni_, limit(2, 9, side::sell, 990, 40), false), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, fill(1, 7, side::buy, 2, 9, 990, 40)), reason_code::none);
  // taker fee ceil(39'600 × 5 / 10'000) = 20; the rest needs 60 × 1000 + 30 + 60
  EXPECT_EQ(buyer().reserved_cash(), 60'090);
  EXPECT_EQ(buyer().free_cash(), 1'000'000 - 39'600 - 20 - 60'090);
  EXPECT_EQ(buyer().fees_paid(), 20);
  EXPECT_EQ(buyer().find_position("OMNI")->spot, 40);
  EXPECT_EQ(spot_average_price(*buyer().find_position("OMNI")), 990);
  EXPECT_EQ(seller().free_cash(), 39'600); // maker fee 0
  EXPECT_EQ(seller().find_order(9), nullptr);
  EXPECT_EQ(ledger_.house().free_cash(), 20);
  expect_conserved();
}

TEST_F(spot, cancel_of_remainder_releases_everything) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 7, side::buy, 1'000, 100), false), reason_code::none);
  ASSERT_EQ(ledger_.place(omni_, limit(2, 9, side::sell, 1'000, 30), false), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, fill(1, 7, side::buy, 2, 9, 1'000, 30)), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, cancelled(1, 7, 70)), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), 0);
  EXPECT_EQ(buyer().free_cash(), 1'000'000 - 30'000 - 15);
  EXPECT_EQ(buyer().find_order(7), nullptr);
  EXPECT_EQ(ledger_.apply(omni_, cancelled(1, 7, 1)), reason_code::unknown_order);
  expect_conserved();
}

TEST_F(spot, partial_cancel_keeps_what_the_rest_needs) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 7, side::buy, 1'000, 100), false), reason_code::none);
  ASSERT_EQ(buyer().release(7, 60), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), 40'000 + 20 + 40);
  EXPECT_EQ(buyer().release(7, 41), reason_code::invalid_quantity);
}

TEST_F(spot, sell_needs_free_shares_and_reserves_them) {
  EXPECT_EQ(ledger_.place(omni_, limit(2, 9, side::sell, 1'000, 501), false),
            reason_code::insufficient_shares);
  ASSERT_EQ(ledger_.place(omni_, limit(2, 9, side::sell, 1'000, 300), false), reason_code::none);
  EXPECT_EQ(seller().find_position("OMNI")->spot, 200);
  EXPECT_EQ(seller().find_position("OMNI")->spot_reserved, 300);
  EXPECT_EQ(ledger_.place(omni_, limit(2, 10, side::sell, 1'000, 201), false),
            reason_code::insufficient_shares);
  ASSERT_EQ(ledger_.apply(omni_, cancelled(2, 9, 300)), reason_code::none);
  EXPECT_EQ(seller().find_position("OMNI")->spot, 500);
  EXPECT_EQ(seller().find_position("OMNI")->spot_reserved, 0);
  expect_conserved();
}

TEST_F(spot, taker_sell_pays_fee_from_proceeds_and_realizes_pnl) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 7, side::buy, 1'000, 100), false), reason_code::none);
  ASSERT_EQ(ledger_.place(omni_, limit(2, 9, side::sell, 1'000, 100), false), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, fill(2, 9, side::sell, 1, 7, 1'000, 100)), reason_code::none);
  ASSERT_EQ(ledger_.place(omni_, limit(1, 8, side::sell, 1'050, 60), false), reason_code::none);
  ASSERT_EQ(ledger_.place(omni_, limit(2, 10, side::buy, 1'050, 60), false), reason_code::none);
  ASSERT_EQ(ledger_.apply(omni_, fill(1, 8, side::sell, 2, 10, 1'050, 60)), reason_code::none);
  const position& pos = *buyer().find_position("OMNI");
  EXPECT_EQ(pos.realized_pnl, 60 * 50);
  EXPECT_EQ(pos.spot, 40);
  EXPECT_EQ(pos.spot_cost, 40'000);
  // buyer: paid 100'000 as maker (fee 0), received 63'000 minus taker fee ceil(31.5) = 32
  EXPECT_EQ(buyer().free_cash(), 1'000'000 - 100'000 + 63'000 - 32);
  EXPECT_EQ(ledger_.house().free_cash(), 50 + 32);
  expect_conserved();
}

TEST_F(spot, book_rejection_releases_the_whole_order) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 7, side::buy, 1'000, 100), false), reason_code::none);
  book_event rejected{.kind = book_event_kind::rejected, .owner = 1, .client_ref = 7};
  ASSERT_EQ(ledger_.apply(omni_, rejected), reason_code::none);
  EXPECT_EQ(buyer().reserved_cash(), 0);
  EXPECT_EQ(buyer().free_cash(), 1'000'000);
  EXPECT_TRUE(buyer().open_orders().empty());
}

TEST_F(spot, withdrawal_needs_free_cash) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 7, side::buy, 1'000, 900), false), reason_code::none);
  EXPECT_EQ(ledger_.withdraw(1, 200'000), reason_code::insufficient_buying_power);
  EXPECT_EQ(ledger_.withdraw(1, 0), reason_code::invalid_amount);
  EXPECT_EQ(ledger_.withdraw(1, 98'000), reason_code::none);
  EXPECT_EQ(ledger_.net_deposits(), 902'000);
  EXPECT_EQ(ledger_.deposit(house_account_id, 5), reason_code::malformed_request);
  EXPECT_EQ(ledger_.deposit(99, 5), reason_code::malformed_request);
  expect_conserved();
}

} // namespace
} // namespace bourse
