#include "actors/runtime/exchange.hpp"

#include <gtest/gtest.h>

#include "tests/actors/runtime/exchange_fixture.hpp"

namespace bourse::testing {
namespace {

/// AAA around 100.00 (band 90.00 – 110.00), 10 % initial and 8 % maintenance margin, 5 bp taker fee.
instrument leveraged_stock() {
  instrument inst = test_stock("AAA");
  inst.initial_margin_bps = 1'000;
  inst.maintenance_margin_bps = 800;
  return inst;
}

/// The account actor wired to the book, the house and the liquidation actor.
class wiring_test : public exchange_fixture {
protected:
  wiring_test() : exchange_fixture(std::vector<instrument>{leveraged_stock()}, config()) {}

  account_view view(account_id id) {
    auto v = ask<account_view>(account(id), caf::get_atom::value, atoms::view::value);
    EXPECT_TRUE(v);
    return v.value_or(account_view{});
  }

  std::optional<order_result> replace(account_id id, std::uint64_t coid, cents price, quantity qty) {
    return ask<order_result>(account(id), atoms::replace::value, std::string{"AAA"}, coid, price, qty);
  }

  void give_shares(account_id id, quantity qty) {
    EXPECT_EQ(ask<reason_code>(account(id), atoms::deposit::value, std::string{"AAA"}, qty),
              reason_code::none);
    issued_["AAA"] += qty;
  }

  std::map<std::string, quantity> issued_;
};

TEST_F(wiring_test, replace_moves_the_order_and_its_reservation) {
  ASSERT_EQ(place(1, limit(7, "AAA", side::buy, 9'900, 10))->reason, reason_code::none);
  const cents reserved_before = view(1).cash_reserved;

  auto r = replace(1, 7, 10'000, 30);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, reason_code::none);
  const auto v = view(1);
  ASSERT_EQ(v.open_orders.size(), 1U);
  EXPECT_EQ(v.open_orders[0].price, 10'000);
  EXPECT_EQ(v.open_orders[0].open_qty, 30);
  EXPECT_GT(v.cash_reserved, reserved_before * 3);
  expect_open_orders_match_books();

  EXPECT_EQ(replace(1, 8, 10'000, 30)->reason, reason_code::unknown_order);
  expect_conservation(issued_);
}

TEST_F(wiring_test, a_replace_the_book_rejects_gives_the_hold_back) {
  ASSERT_EQ(place(1, limit(7, "AAA", side::buy, 9'900, 10))->reason, reason_code::none);
  const auto before = view(1);

  EXPECT_EQ(replace(1, 7, 11'500, 20)->reason, reason_code::outside_price_band);
  const auto after = view(1);
  EXPECT_EQ(after.cash_free, before.cash_free);
  EXPECT_EQ(after.state_hash, before.state_hash);
  // The hold is gone: a second replace is allowed.
  EXPECT_EQ(replace(1, 7, 9'800, 5)->reason, reason_code::none);
  expect_open_orders_match_books();
  expect_conservation(issued_);
}

TEST_F(wiring_test, a_replace_the_account_cannot_cover_is_shrunk_on_the_book) {
  ASSERT_EQ(place(1, limit(1, "AAA", side::buy, 10'000, 5'000))->reason, reason_code::none);
  // The replace reaches the book, but its request times out first: the account gives the hold back
  // and spends the cash on another order before the book's REPLACED report arrives.
  auto lost = self_->request(account(1), std::chrono::seconds(30), atoms::replace::value, std::string{"AAA"},
                             std::uint64_t{1}, cents{10'000}, quantity{9'000});
  sched_.run_once(); // the account holds 400'200.00 and asks the book
  sched_.trigger_timeouts();
  auto other = self_->request(account(1), std::chrono::seconds(30), atoms::place::value,
                              limit(2, "AAA", side::buy, 9'900, 5'000));
  run();
  lost.receive([](const order_result&) {}, [](caf::error&) {});
  other.receive([](const order_result& r) { EXPECT_EQ(r.reason, reason_code::none); },
                [](caf::error&) { ADD_FAILURE() << "place failed"; });

  const auto v = view(1);
  ASSERT_EQ(v.open_orders.size(), 2U);
  const auto& replaced = v.open_orders[0].client_order_id == 1 ? v.open_orders[0] : v.open_orders[1];
  EXPECT_GT(replaced.open_qty, 5'000);
  EXPECT_LT(replaced.open_qty, 9'000);
  EXPECT_GE(v.cash_free, 0);
  expect_open_orders_match_books();
  expect_conservation(issued_);
}

TEST_F(wiring_test, replace_into_the_book_trades_and_pays_the_house) {
  give_shares(2, 100);
  ASSERT_EQ(place(2, limit(1, "AAA", side::sell, 10'000, 100))->reason, reason_code::none);
  ASSERT_EQ(place(1, limit(1, "AAA", side::buy, 9'900, 40))->reason, reason_code::none);
  EXPECT_EQ(ex_.house->acc.net_cash(), 0);

  EXPECT_EQ(replace(1, 1, 10'000, 40)->reason, reason_code::none);
  EXPECT_TRUE(view(1).open_orders.empty());
  // 40 × 100.00 = 4'000.00 traded: the taker pays 5 bp = 2.00, the maker nothing.
  EXPECT_EQ(ex_.house->acc.net_cash(), 200);
  expect_open_orders_match_books();
  expect_conservation(issued_);
}

TEST_F(wiring_test, a_margin_account_under_maintenance_is_reduced_then_reactivated) {
  constexpr account_id levered = 3;
  constexpr quantity size = 99'000;
  give_shares(2, size + 10);
  ASSERT_EQ(ask<reason_code>(account(4), atoms::deposit::value, cents{1'000'000'000}), reason_code::none);
  // Account 3 buys 99'000 shares at 100.00 on 10 % margin with its 1'000'000.00.
  ASSERT_EQ(place(2, limit(1, "AAA", side::sell, 10'000, size))->reason, reason_code::none);
  auto buy = limit(1, "AAA", side::buy, 10'000, size);
  buy.margin = true;
  ASSERT_EQ(place(levered, buy)->reason, reason_code::none);
  // The price falls to 95.00 between others: equity ~ 500'000.00 < 8 % of 9'405'000.00.
  ASSERT_EQ(place(4, limit(1, "AAA", side::buy, 9'400, size))->reason, reason_code::none);
  ASSERT_EQ(place(4, limit(2, "AAA", side::buy, 9'500, 10))->reason, reason_code::none);
  ASSERT_EQ(place(2, limit(2, "AAA", side::sell, 9'500, 10))->reason, reason_code::none);
  const auto opened = view(levered);
  EXPECT_EQ(opened.state, risk_state::active);
  ASSERT_EQ(opened.positions.size(), 1U);
  EXPECT_EQ(opened.positions[0].net(), size);

  fire_timers(); // a liquidation check: REDUCING plus a reduce-only market sell of the position

  auto v = view(levered);
  EXPECT_EQ(v.state, risk_state::reducing);
  ASSERT_EQ(v.positions.size(), 1U);
  EXPECT_EQ(v.positions[0].net(), 0);
  EXPECT_EQ(ex_.liquidation->reducing, std::set<account_id>{levered});

  fire_timers(); // the next check finds it healthy again

  EXPECT_EQ(view(levered).state, risk_state::active);
  EXPECT_TRUE(ex_.liquidation->reducing.empty());
  expect_open_orders_match_books();
  expect_conservation(issued_);
}

} // namespace
} // namespace bourse::testing
