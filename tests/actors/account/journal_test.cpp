#include "actors/account/cash_journal.hpp"

#include <gtest/gtest.h>

#include "actors/account/ledger.hpp"
#include "tests/actors/account/account_fixture.hpp"

namespace bourse {
namespace {

using test::fill;
using test::limit;

/// Replays a journal from zero and checks it reproduces the account's buckets.
void expect_replay_matches(const account& acc) {
  cash_entry sum;
  cents external = 0;
  for (const cash_entry& e : acc.journal()) {
    sum.free += e.free;
    sum.reserved += e.reserved;
    sum.posted += e.posted;
    sum.short_proceeds += e.short_proceeds;
    sum.borrowed += e.borrowed;
    if (e.reason == cash_reason::reserve || e.reason == cash_reason::release ||
        e.reason == cash_reason::delivery) {
      EXPECT_EQ(net_change(e), 0) << "internal moves keep net cash";
    }
    if (e.reason == cash_reason::deposit || e.reason == cash_reason::withdrawal)
      external += net_change(e);
  }
  EXPECT_EQ(sum.free, acc.free_cash());
  EXPECT_EQ(sum.reserved, acc.reserved_cash());
  EXPECT_EQ(sum.posted, acc.posted_margin());
  EXPECT_EQ(sum.short_proceeds, acc.short_proceeds());
  EXPECT_EQ(sum.borrowed, acc.borrowed_cash());
  EXPECT_EQ(external, acc.deposited() - acc.withdrawn());
}

TEST(journal, replay_reproduces_balances) {
  const instrument omni = test::omni();
  ledger led;
  led.open(1);
  led.open(2);
  ASSERT_EQ(led.deposit(1, 500'000), reason_code::none);
  ASSERT_EQ(led.deposit(2, 500'000), reason_code::none);
  ASSERT_EQ(led.issue_shares(2, "OMNI", 300), reason_code::none);
  ASSERT_EQ(led.place(omni, limit(1, 1, side::buy, 1'000, 100), true), reason_code::none);
  ASSERT_EQ(led.place(omni, limit(2, 1, side::sell, 990, 100), false), reason_code::none);
  ASSERT_EQ(led.apply(omni, fill(2, 1, side::sell, 1, 1, 990, 100)), reason_code::none);
  ASSERT_EQ(led.place(omni, limit(2, 2, side::sell, 1'000, 50), true), reason_code::none);
  ASSERT_EQ(led.place(omni, limit(1, 2, side::buy, 1'000, 50), false), reason_code::none);
  ASSERT_EQ(led.apply(omni, fill(1, 2, side::buy, 2, 2, 1'000, 50)), reason_code::none);
  ASSERT_EQ(led.find(1)->take_delivery(omni, 30), reason_code::none);
  ASSERT_EQ(led.find(2)->deliver_shares(omni, 20), reason_code::none);
  ASSERT_EQ(led.withdraw(2, 1'000), reason_code::none);
  for (const auto& [id, acc] : led.accounts())
    expect_replay_matches(acc);
  EXPECT_EQ(led.house().journal().back().reason, cash_reason::fee_income);
  EXPECT_EQ(led.cash_imbalance(), 0);
  EXPECT_EQ(led.share_imbalance("OMNI"), 0);

  const auto taken = led.find(1)->take_journal();
  EXPECT_FALSE(taken.empty());
  EXPECT_TRUE(led.find(1)->journal().empty());
}

TEST(journal, net_movements_sum_per_reason_and_symbol_and_leave_out_internal_moves) {
  const std::vector<cash_entry> entries{
      {.reason = cash_reason::reserve, .client_ref = 1, .symbol = "AAA", .free = -500, .reserved = 500},
      {.reason = cash_reason::fill, .client_ref = 1, .symbol = "AAA", .reserved = -300},
      {.reason = cash_reason::fee, .client_ref = 1, .symbol = "AAA", .reserved = -2},
      {.reason = cash_reason::fill, .client_ref = 1, .symbol = "AAA", .free = -100, .borrowed = 50},
      {.reason = cash_reason::fill, .client_ref = 1, .symbol = "BBB", .short_proceeds = 70},
      {.reason = cash_reason::release, .client_ref = 1, .symbol = "AAA", .free = 200, .reserved = -200},
      {.reason = cash_reason::deposit, .symbol = {}, .free = 40},
      {.reason = cash_reason::deposit, .symbol = {}, .free = -40},
  };
  const std::vector<cash_movement> expected{
      {.reason = cash_reason::fill, .symbol = "AAA", .amount = -450},
      {.reason = cash_reason::fee, .symbol = "AAA", .amount = -2},
      {.reason = cash_reason::fill, .symbol = "BBB", .amount = 70},
  };
  EXPECT_EQ(net_movements(entries), expected);
}

TEST(journal, per_fill_fee_rounding_stays_inside_the_reservation) {
  const instrument omni = test::omni();
  account buyer{1};
  ASSERT_EQ(buyer.deposit(1'000'000), reason_code::none);
  ASSERT_EQ(buyer.place(omni, limit(1, 1, side::buy, 1'001, 100), false), reason_code::none);
  cents fees = 0;
  for (int i = 0; i < 100; ++i) {
    const fill_result r = buyer.apply_fill(omni, 1, 1'001, 1, liquidity::taker);
    ASSERT_EQ(r.reason, reason_code::none);
    fees += r.fee;
    if (i < 99) {
      ASSERT_GE(buyer.find_order(1)->cash, *required_cash(*buyer.find_order(1)));
    }
  }
  for (const cash_entry& e : buyer.journal())
    if (e.reason == cash_reason::fill || e.reason == cash_reason::fee) {
      EXPECT_EQ(e.free, 0) << "a fill drew on free cash";
    }
  EXPECT_EQ(fees, 100); // ceil(0.5005) per fill, against ceil(50.05) for the whole order
  EXPECT_EQ(buyer.free_cash(), 1'000'000 - 100'100 - 100);
  EXPECT_EQ(buyer.reserved_cash(), 0);
}

TEST(journal, fill_errors_change_nothing) {
  const instrument omni = test::omni();
  account buyer{1};
  ASSERT_EQ(buyer.deposit(1'000'000), reason_code::none);
  ASSERT_EQ(buyer.place(omni, limit(1, 1, side::buy, 1'000, 10), false), reason_code::none);
  const auto before = buyer.journal().size();
  EXPECT_EQ(buyer.apply_fill(omni, 2, 1'000, 1, liquidity::taker).reason, reason_code::unknown_order);
  EXPECT_EQ(buyer.apply_fill(omni, 1, 1'000, 11, liquidity::taker).reason, reason_code::invalid_quantity);
  EXPECT_EQ(buyer.apply_fill(omni, 1, 0, 1, liquidity::taker).reason, reason_code::invalid_quantity);
  EXPECT_EQ(buyer.journal().size(), before);
  EXPECT_EQ(buyer.find_order(1)->open_qty, 10);
}

} // namespace
} // namespace bourse
