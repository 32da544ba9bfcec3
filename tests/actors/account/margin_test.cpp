#include "actors/account/margin.hpp"

#include <gtest/gtest.h>

#include "actors/account/ledger.hpp"
#include "tests/actors/account/account_fixture.hpp"

namespace bourse {
namespace {

using test::fill;
using test::limit;

class margin : public ::testing::Test {
protected:
  void SetUp() override {
    ledger_.open(1);
    ledger_.open(2, risk_limits{.max_position = 100'000});
    ASSERT_EQ(ledger_.deposit(1, 1'000'000), reason_code::none);
    ASSERT_EQ(ledger_.deposit(2, 10'000'000), reason_code::none);
    ASSERT_EQ(ledger_.issue_shares(2, "OMNI", 10'000), reason_code::none);
  }
  account& trader() { return *ledger_.find(1); }
  const position& pos() { return *trader().find_position("OMNI"); }

  /// Trader's order `ref` (already placed) trades `qty` at `price` as taker against the counterparty.
  void trade(std::uint64_t ref, side trader_side, cents price, quantity qty) {
    const std::uint64_t other = next_ref_++;
    ASSERT_EQ(ledger_.place(omni_, limit(2, other, opposite(trader_side), price, qty), false),
              reason_code::none);
    ASSERT_EQ(ledger_.apply(omni_, fill(1, ref, trader_side, 2, other, price, qty)), reason_code::none);
    EXPECT_EQ(ledger_.cash_imbalance(), 0);
    EXPECT_EQ(ledger_.share_imbalance("OMNI"), 0);
  }
  void open_long_100_at_1000() {
    ASSERT_EQ(ledger_.place(omni_, limit(1, 1, side::buy, 1'000, 100), true), reason_code::none);
    // IM ceil(100'000 × 50 %) + fee 50 + 1 cent per lot for each of fee and margin
    EXPECT_EQ(trader().reserved_cash(), 50'000 + 50 + 200);
    trade(1, side::buy, 1'000, 100);
  }
  void open_short_100_at_1000() {
    ASSERT_EQ(ledger_.place(omni_, limit(1, 1, side::sell, 1'000, 100), true), reason_code::none);
    // a short can fill up to the band high (1100): IM 55'000 + fee 55 + slack 200
    EXPECT_EQ(trader().reserved_cash(), 55'000 + 55 + 200);
    trade(1, side::sell, 1'000, 100);
  }

  instrument omni_ = test::omni();
  instrument_table instruments_{{"OMNI", test::omni()}};
  ledger ledger_;
  std::uint64_t next_ref_ = 1'000;
};

TEST_F(margin, buy_borrows_cash_and_posts_initial_margin) {
  open_long_100_at_1000();
  EXPECT_EQ(pos().margin, 100);
  EXPECT_EQ(margin_average_price(pos()), 1'000);
  EXPECT_EQ(trader().borrowed_cash(), 100'000);
  EXPECT_EQ(trader().posted_margin(), 50'000);
  EXPECT_EQ(trader().reserved_cash(), 0);
  EXPECT_EQ(trader().free_cash(), 1'000'000 - 50'000 - 50);
  EXPECT_EQ(equity(trader(), {{"OMNI", 1'000}}), 1'000'000 - 50);
  EXPECT_EQ(margin_level_bps(trader(), {{"OMNI", 1'000}}), cents{1'000'000 - 50} * 10'000 / 100'000);
}

TEST_F(margin, closing_a_long_repays_the_loan_and_settles_pnl_in_cash) {
  open_long_100_at_1000();
  ASSERT_EQ(ledger_.place(omni_, limit(1, 2, side::sell, 1'080, 100), true), reason_code::none);
  EXPECT_EQ(pos().margin_closing, 100);
  EXPECT_EQ(ledger_.place(omni_, limit(1, 3, side::sell, 1'080, 1), true),
            reason_code::insufficient_position);
  trade(2, side::sell, 1'080, 100);
  EXPECT_EQ(pos().margin, 0);
  EXPECT_EQ(pos().realized_pnl, 8'000);
  EXPECT_EQ(trader().borrowed_cash(), 0);
  EXPECT_EQ(trader().posted_margin(), 0);
  // fees: 50 opening, ceil(108'000 × 5 bps) = 54 closing
  EXPECT_EQ(trader().free_cash(), 1'000'000 + 8'000 - 50 - 54);
}

TEST_F(margin, short_holds_proceeds_and_closing_settles_pnl) {
  open_short_100_at_1000();
  EXPECT_EQ(pos().margin, -100);
  EXPECT_EQ(trader().short_proceeds(), 100'000);
  EXPECT_EQ(trader().posted_margin(), 50'000);
  EXPECT_EQ(trader().reserved_cash(), 0);
  EXPECT_EQ(trader().free_cash(), 1'000'000 - 50'000 - 50);
  // a margin buy now closes the short: it reserves only the fee (+ slack)
  ASSERT_EQ(ledger_.place(omni_, limit(1, 2, side::buy, 900, 100), true), reason_code::none);
  EXPECT_EQ(trader().reserved_cash(), 45 + 100);
  trade(2, side::buy, 900, 100);
  EXPECT_EQ(pos().margin, 0);
  EXPECT_EQ(pos().realized_pnl, 10'000);
  EXPECT_EQ(trader().short_proceeds(), 0);
  EXPECT_EQ(trader().reserved_cash(), 0);
  EXPECT_EQ(trader().free_cash(), 1'000'000 + 10'000 - 50 - 45);
}

TEST_F(margin, losing_short_close_takes_the_loss_from_cash) {
  open_short_100_at_1000();
  ASSERT_EQ(ledger_.place(omni_, limit(1, 2, side::buy, 1'100, 40), true), reason_code::none);
  trade(2, side::buy, 1'100, 40);
  EXPECT_EQ(pos().margin, -60);
  EXPECT_EQ(pos().realized_pnl, -4'000);
  EXPECT_EQ(trader().short_proceeds(), 60'000);
  EXPECT_EQ(trader().posted_margin(), 30'000);
  EXPECT_EQ(trader().free_cash(), 1'000'000 - 50'000 - 50 + 20'000 - 4'000 - 22);
}

TEST_F(margin, cannot_open_both_directions_at_once) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 1, side::buy, 1'000, 10), true), reason_code::none);
  EXPECT_EQ(ledger_.place(omni_, limit(1, 2, side::sell, 1'000, 10), true),
            reason_code::insufficient_position);
}

TEST_F(margin, margin_opens_beyond_cash_are_insufficient_margin) {
  EXPECT_EQ(ledger_.place(omni_, limit(1, 1, side::buy, 1'000, 1'990), true), reason_code::none);
  EXPECT_EQ(ledger_.place(omni_, limit(1, 2, side::buy, 1'000, 10), true), reason_code::insufficient_margin);
}

TEST_F(margin, take_delivery_pays_the_loan_with_cash) {
  open_long_100_at_1000();
  EXPECT_EQ(trader().take_delivery(omni_, 101), reason_code::insufficient_position);
  ASSERT_EQ(trader().take_delivery(omni_, 100), reason_code::none);
  EXPECT_EQ(pos().margin, 0);
  EXPECT_EQ(pos().spot, 100);
  EXPECT_EQ(spot_average_price(pos()), 1'000);
  EXPECT_EQ(trader().borrowed_cash(), 0);
  EXPECT_EQ(trader().posted_margin(), 0);
  EXPECT_EQ(trader().free_cash(), 1'000'000 - 100'000 - 50);
  EXPECT_EQ(ledger_.cash_imbalance(), 0);
  EXPECT_EQ(ledger_.share_imbalance("OMNI"), 0);
}

TEST_F(margin, take_delivery_needs_cash_for_the_loan) {
  ASSERT_EQ(ledger_.withdraw(1, 940'000), reason_code::none);
  open_long_100_at_1000(); // free 9'950, posted 50'000
  EXPECT_EQ(trader().take_delivery(omni_, 50), reason_code::insufficient_buying_power);
  ASSERT_EQ(trader().take_delivery(omni_, 10), reason_code::none);
  EXPECT_EQ(trader().free_cash(), 9'950 + 5'000 - 10'000);
  EXPECT_EQ(pos().margin, 90);
}

TEST_F(margin, deliver_shares_closes_a_short_with_owned_stock) {
  ASSERT_EQ(ledger_.place(omni_, limit(1, 9, side::buy, 950, 100), false), reason_code::none);
  trade(9, side::buy, 950, 100);
  open_short_100_at_1000();
  EXPECT_EQ(ledger_.place(omni_, limit(1, 5, side::sell, 1'000, 1), false), reason_code::none);
  EXPECT_EQ(trader().deliver_shares(omni_, 100), reason_code::insufficient_shares);
  ASSERT_EQ(trader().release_all(5), reason_code::none);
  const cents free_before = trader().free_cash();
  ASSERT_EQ(trader().deliver_shares(omni_, 100), reason_code::none);
  EXPECT_EQ(pos().margin, 0);
  EXPECT_EQ(pos().spot, 0);
  EXPECT_EQ(pos().realized_pnl, 100 * 50);
  EXPECT_EQ(trader().short_proceeds(), 0);
  EXPECT_EQ(trader().free_cash(), free_before + 100'000 + 50'000);
  EXPECT_EQ(trader().deliver_shares(omni_, 1), reason_code::insufficient_position);
  EXPECT_EQ(ledger_.cash_imbalance(), 0);
  EXPECT_EQ(ledger_.share_imbalance("OMNI"), 0);
}

TEST_F(margin, maintenance_lists_accounts_whose_equity_fell_below_the_requirement) {
  ASSERT_EQ(ledger_.withdraw(1, 940'000), reason_code::none);
  open_long_100_at_1000(); // equity at mark m: 59'950 − 100'000 + 100 m; requirement 25 m
  EXPECT_TRUE(ledger_.under_maintenance(instruments_, {{"OMNI", 600}}).empty());
  EXPECT_EQ(ledger_.under_maintenance(instruments_, {{"OMNI", 533}}), std::vector<account_id>{1});
  EXPECT_EQ(maintenance_requirement(trader(), instruments_, {{"OMNI", 533}}), 13'325);
  EXPECT_EQ(equity(trader(), {{"OMNI", 533}}), 13'250);
  EXPECT_EQ(margin_level_bps(trader(), {{"OMNI", 533}}), 13'250 * 10'000 / 53'300);
  EXPECT_FALSE(under_maintenance(trader(), instruments_, {})); // no mark: valued at cost
  EXPECT_EQ(margin_level_bps(*ledger_.find(2), {{"OMNI", 533}}), std::nullopt);
}

TEST_F(margin, reducing_still_accepts_closes) {
  open_long_100_at_1000();
  trader().set_state(risk_state::reducing);
  EXPECT_EQ(ledger_.place(omni_, limit(1, 2, side::buy, 1'000, 1), true), reason_code::account_reducing_only);
  EXPECT_EQ(ledger_.place(omni_, limit(1, 3, side::sell, 1'000, 50), true), reason_code::none);
  EXPECT_EQ(trader().take_delivery(omni_, 50), reason_code::none);
  EXPECT_EQ(trader().take_delivery(omni_, 1), reason_code::insufficient_position);
}

} // namespace
} // namespace bourse
