#include "actors/account/account.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "tests/actors/account/account_fixture.hpp"

namespace bourse {
namespace {

using test::limit;
using test::market;

class risk : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(acc_.deposit(1'000'000), reason_code::none);
    ASSERT_EQ(acc_.issue_shares("OMNI", 100), reason_code::none);
  }
  reason_code buy(std::uint64_t ref, quantity qty, bool margin = false) {
    return acc_.place(omni_, limit(1, ref, side::buy, 1'000, qty), margin);
  }
  reason_code sell(std::uint64_t ref, quantity qty, bool margin = false) {
    return acc_.place(omni_, limit(1, ref, side::sell, 1'000, qty), margin);
  }

  instrument omni_ = test::omni();
  account acc_{1, risk_limits{.max_position = 300, .max_open_orders = 3}};
};

TEST_F(risk, rejects_buys_beyond_buying_power) {
  acc_.set_limits({.max_position = 10'000, .max_open_orders = 3});
  // 998 × 1000 + fee 499 + slack 998 = 999'497 of 1'000'000
  EXPECT_EQ(acc_.place(omni_, limit(1, 1, side::buy, 1'000, 998), false), reason_code::none);
  EXPECT_EQ(acc_.place(omni_, limit(1, 2, side::buy, 1'000, 2), false),
            reason_code::insufficient_buying_power);
  EXPECT_EQ(acc_.open_orders().size(), 1U);
}

TEST_F(risk, max_position_counts_holdings_and_open_buys) {
  EXPECT_EQ(buy(1, 201), reason_code::max_position_exceeded);
  EXPECT_EQ(buy(1, 150), reason_code::none);
  EXPECT_EQ(buy(2, 51), reason_code::max_position_exceeded);
  EXPECT_EQ(buy(2, 50), reason_code::none);
  EXPECT_EQ(sell(3, 301, true), reason_code::max_position_exceeded);
  EXPECT_EQ(acc_.place(omni_, limit(1, 3, side::buy, 1'000, 1), true), reason_code::max_position_exceeded);
}

TEST_F(risk, max_open_orders) {
  EXPECT_EQ(buy(1, 1), reason_code::none);
  EXPECT_EQ(buy(2, 1), reason_code::none);
  EXPECT_EQ(sell(3, 1), reason_code::none);
  EXPECT_EQ(sell(4, 1), reason_code::max_open_orders_exceeded);
  ASSERT_EQ(acc_.release_all(3), reason_code::none);
  EXPECT_EQ(sell(4, 1), reason_code::none);
}

TEST_F(risk, reducing_accepts_only_orders_that_shrink_positions) {
  acc_.set_state(risk_state::reducing);
  EXPECT_EQ(buy(1, 1), reason_code::account_reducing_only);
  EXPECT_EQ(sell(2, 1, true), reason_code::account_reducing_only);
  EXPECT_EQ(sell(3, 10), reason_code::none);
}

TEST_F(risk, halted_rejects_orders_but_releases_open_ones) {
  ASSERT_EQ(buy(1, 10), reason_code::none);
  acc_.set_state(risk_state::halted);
  EXPECT_EQ(sell(2, 1), reason_code::account_halted);
  EXPECT_EQ(acc_.withdraw(1), reason_code::account_halted);
  EXPECT_EQ(acc_.release_all(1), reason_code::none);
  EXPECT_EQ(acc_.reserved_cash(), 0);
  EXPECT_EQ(acc_.free_cash(), 1'000'000);
}

TEST_F(risk, validation_and_margin_flags) {
  EXPECT_EQ(buy(1, 0), reason_code::invalid_quantity);
  EXPECT_EQ(acc_.place(omni_, limit(1, 1, side::buy, 0, 1), false), reason_code::invalid_price);
  ASSERT_EQ(buy(1, 1), reason_code::none);
  EXPECT_EQ(buy(1, 1), reason_code::duplicate_client_order_id);
  omni_.margin_allowed = false;
  EXPECT_EQ(buy(2, 1, true), reason_code::margin_not_allowed);
  omni_.reference_price = 0;
  EXPECT_EQ(acc_.place(omni_, market(1, 3, side::buy, 1), false), reason_code::invalid_price);
}

TEST_F(risk, notional_and_balance_overflow) {
  account rich{2, risk_limits{.max_position = std::numeric_limits<quantity>::max()}};
  ASSERT_EQ(rich.deposit(std::numeric_limits<cents>::max()), reason_code::none);
  EXPECT_EQ(rich.deposit(1), reason_code::notional_overflow);
  const quantity huge = std::numeric_limits<quantity>::max() / 1'000;
  EXPECT_EQ(rich.place(omni_, limit(2, 1, side::buy, 1'100, huge), false), reason_code::notional_overflow);
  ASSERT_EQ(rich.issue_shares("OMNI", huge), reason_code::none);
  EXPECT_EQ(rich.place(omni_, limit(2, 2, side::sell, 1'000, huge), false), reason_code::notional_overflow);
  EXPECT_TRUE(rich.open_orders().empty());
  EXPECT_EQ(rich.reserved_cash(), 0);
}

} // namespace
} // namespace bourse
