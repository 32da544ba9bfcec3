#include "actors/auction/auction_bank.hpp"

#include <gtest/gtest.h>

namespace bourse {
namespace {

constexpr lot_id lot = 42;

class auction_bank_test : public ::testing::Test {
protected:
  auction_bank_test() {
    for (account_id id : {1, 2, 9})
      accounts_.open(id);
    EXPECT_EQ(accounts_.deposit(1, 10'000), reason_code::none);
    EXPECT_EQ(accounts_.deposit(2, 10'000), reason_code::none);
    EXPECT_EQ(accounts_.issue_shares(9, "LOT", 10), reason_code::none);
  }

  void expect_conserved() {
    EXPECT_EQ(accounts_.cash_imbalance(), 0);
    EXPECT_EQ(accounts_.share_imbalance("LOT"), 0);
  }

  ledger accounts_;
  auction_bank bank_{accounts_};
};

TEST_F(auction_bank_test, hold_moves_free_cash_to_reserved_and_back) {
  const account& a = *accounts_.find(1);
  EXPECT_EQ(bank_.hold(1, lot, 3'000), reason_code::none);
  EXPECT_EQ(a.free_cash(), 7'000);
  EXPECT_EQ(a.reserved_cash(), 3'000);
  EXPECT_EQ(bank_.hold(1, lot, 5'000), reason_code::none); // raise: only the difference moves
  EXPECT_EQ(a.free_cash(), 5'000);
  EXPECT_EQ(a.held(lot), 5'000);
  EXPECT_EQ(bank_.hold(1, lot, 10'001), reason_code::insufficient_buying_power);
  EXPECT_EQ(a.held(lot), 5'000);
  EXPECT_EQ(bank_.hold(1, lot, 0), reason_code::invalid_amount);
  EXPECT_EQ(bank_.release(1, lot), reason_code::none);
  EXPECT_EQ(a.free_cash(), 10'000);
  EXPECT_EQ(a.reserved_cash(), 0);
  EXPECT_EQ(bank_.release(1, lot), reason_code::unknown_order);
  EXPECT_EQ(bank_.hold(77, lot, 1), reason_code::malformed_request);
  expect_conserved();
}

TEST_F(auction_bank_test, settlement_moves_cash_and_shares_together) {
  ASSERT_EQ(bank_.hold(2, lot, 4'000), reason_code::none);
  const auction_settlement sale{
      .lot = lot, .buyer = 2, .seller = 9, .price = 3'500, .symbol = "LOT", .qty = 10};
  EXPECT_EQ(bank_.settle(sale), reason_code::none);
  const account& buyer = *accounts_.find(2);
  const account& seller = *accounts_.find(9);
  EXPECT_EQ(buyer.free_cash(), 6'500); // the 500 above the price is released
  EXPECT_EQ(buyer.reserved_cash(), 0);
  EXPECT_EQ(buyer.find_position("LOT")->spot, 10);
  EXPECT_EQ(buyer.find_position("LOT")->spot_cost, 3'500);
  EXPECT_EQ(seller.free_cash(), 3'500);
  EXPECT_EQ(seller.find_position("LOT")->spot, 0);
  EXPECT_EQ(bank_.settle(sale), reason_code::none); // a repeat of a settled lot moves nothing
  EXPECT_EQ(buyer.find_position("LOT")->spot, 10);
  EXPECT_EQ(seller.free_cash(), 3'500);
  expect_conserved();
}

TEST_F(auction_bank_test, failed_settlement_changes_nothing) {
  ASSERT_EQ(bank_.hold(2, lot, 4'000), reason_code::none);
  auction_settlement sale{.lot = lot, .buyer = 2, .seller = 9, .price = 3'500, .symbol = "LOT", .qty = 11};
  EXPECT_EQ(bank_.settle(sale), reason_code::insufficient_shares);
  sale.qty = 10;
  sale.price = 4'001;
  EXPECT_EQ(bank_.settle(sale), reason_code::invalid_amount);
  sale.seller = 2;
  EXPECT_EQ(bank_.settle(sale), reason_code::malformed_request);
  EXPECT_EQ(accounts_.find(2)->held(lot), 4'000);
  EXPECT_EQ(accounts_.find(9)->free_cash(), 0);
  EXPECT_EQ(accounts_.find(9)->find_position("LOT")->spot, 10);
  expect_conserved();
}

TEST_F(auction_bank_test, item_lot_moves_only_cash) {
  ASSERT_EQ(bank_.hold(1, lot, 2'000), reason_code::none);
  EXPECT_EQ(bank_.settle({.lot = lot, .buyer = 1, .seller = 9, .price = 2'000, .symbol = {}, .qty = 0}),
            reason_code::none);
  EXPECT_EQ(accounts_.find(1)->free_cash(), 8'000);
  EXPECT_EQ(accounts_.find(9)->free_cash(), 2'000);
  expect_conserved();
}

} // namespace
} // namespace bourse
