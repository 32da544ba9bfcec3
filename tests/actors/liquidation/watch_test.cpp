#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "tests/actors/runtime/exchange_fixture.hpp"

namespace bourse::testing {
namespace {

/// Which accounts the liquidation actor watches, with real account actors in a whole exchange:
/// AAA around 100.00 (band 90.00 – 110.00), 10 % initial and 8 % maintenance margin.
class liquidation_watch : public exchange_fixture {
protected:
  liquidation_watch() : exchange_fixture(std::vector<instrument>{leveraged_stock()}, config()) {}

  static instrument leveraged_stock() {
    instrument inst = test_stock("AAA");
    inst.initial_margin_bps = 1'000;
    inst.maintenance_margin_bps = 800;
    return inst;
  }

  std::set<account_id> watched() const {
    std::set<account_id> ids;
    for (const auto& [id, target] : ex_.liquidation->watched)
      ids.insert(id);
    return ids;
  }

  void give_shares(account_id id, quantity qty) {
    EXPECT_EQ(ask<reason_code>(account(id), atoms::deposit::value, std::string{"AAA"}, qty),
              reason_code::none);
    issued_["AAA"] += qty;
  }

  /// A margin (or, with margin false, spot) order that trades at once against `seller`'s resting one.
  void trade(account_id buyer, account_id seller, std::uint64_t coid, cents price, quantity qty,
             bool buyer_margin, bool seller_margin = false) {
    auto sell = limit(coid, "AAA", side::sell, price, qty);
    sell.margin = seller_margin;
    ASSERT_EQ(place(seller, sell)->reason, reason_code::none);
    auto buy = limit(coid, "AAA", side::buy, price, qty);
    buy.margin = buyer_margin;
    ASSERT_EQ(place(buyer, buy)->reason, reason_code::none);
  }

  risk_state state_of(account_id id) {
    return ask<account_view>(account(id), caf::get_atom::value, atoms::view::value).value().state;
  }

  quantity margin_of(account_id id) {
    const auto v = ask<account_view>(account(id), caf::get_atom::value, atoms::view::value).value();
    return v.positions.empty() ? 0 : v.positions.front().margin;
  }

  std::map<std::string, quantity> issued_;
};

TEST_F(liquidation_watch, cash_and_spot_accounts_are_never_watched) {
  give_shares(2, 1'000);
  trade(1, 2, 1, 10'000, 500, false);
  ASSERT_EQ(place(1, limit(2, "AAA", side::buy, 9'000, 10))->reason, reason_code::none); // resting
  caf::anon_send_exit(account(1), caf::exit_reason::kill); // a restart with spot holdings
  run();
  trade(3, 2, 3, 10'000, 10, true); // one margin account for contrast
  for (int tick = 0; tick < 3; ++tick)
    fire_timers();
  EXPECT_EQ(watched(), std::set<account_id>{3});
  expect_conservation(issued_);
}

TEST_F(liquidation_watch, an_account_opening_a_margin_position_is_watched_and_liquidated) {
  constexpr quantity size = 99'000;
  give_shares(2, size + 10);
  ASSERT_EQ(ask<reason_code>(account(4), atoms::deposit::value, cents{1'000'000'000}), reason_code::none);
  auto buy = limit(1, "AAA", side::buy, 10'000, size);
  buy.margin = true;
  ASSERT_EQ(place(3, buy)->reason, reason_code::none); // resting: no position yet
  EXPECT_TRUE(watched().empty());
  ASSERT_EQ(place(2, limit(1, "AAA", side::sell, 10'000, size))->reason, reason_code::none);
  EXPECT_EQ(watched(), std::set<account_id>{3});

  // The price falls to 95.00 between others: equity ~ 500'000.00 < 8 % of 9'405'000.00.
  ASSERT_EQ(place(4, limit(1, "AAA", side::buy, 9'400, size))->reason, reason_code::none);
  trade(4, 2, 2, 9'500, 10, false);
  fire_timers(); // a check: REDUCING and a reduce-only market sell into account 4's bid
  EXPECT_EQ(state_of(3), risk_state::reducing);
  EXPECT_EQ(margin_of(3), 0);
  EXPECT_EQ(watched(), std::set<account_id>{3}); // flat, but still to be released
  fire_timers();
  EXPECT_EQ(state_of(3), risk_state::active);
  EXPECT_TRUE(watched().empty());
  EXPECT_TRUE(ex_.liquidation->reducing.empty());
  expect_open_orders_match_books();
  expect_conservation(issued_);
}

TEST_F(liquidation_watch, closing_the_last_margin_position_ends_the_watch) {
  give_shares(2, 100);
  trade(3, 2, 1, 10'000, 100, true);
  ASSERT_EQ(watched(), std::set<account_id>{3});
  trade(1, 3, 2, 10'000, 60, false, true); // closes 60 of the long
  EXPECT_EQ(margin_of(3), 40);
  EXPECT_EQ(watched(), std::set<account_id>{3});
  trade(1, 3, 3, 10'000, 40, false, true); // closes the rest
  EXPECT_EQ(margin_of(3), 0);
  EXPECT_TRUE(watched().empty());
  fire_timers();
  EXPECT_TRUE(watched().empty());
  EXPECT_EQ(state_of(3), risk_state::active);
  expect_conservation(issued_);
}

TEST_F(liquidation_watch, a_restarted_account_with_a_margin_position_is_watched_again) {
  constexpr quantity size = 99'000;
  give_shares(2, size + 10);
  ASSERT_EQ(ask<reason_code>(account(4), atoms::deposit::value, cents{1'000'000'000}), reason_code::none);
  trade(3, 2, 1, 10'000, size, true);
  const auto before = account(3).address();
  ASSERT_EQ(ex_.liquidation->watched.at(3).address(), before);

  caf::anon_send_exit(account(3), caf::exit_reason::kill);
  run();
  ASSERT_NE(account(3).address(), before);
  ASSERT_EQ(watched(), std::set<account_id>{3});
  EXPECT_EQ(ex_.liquidation->watched.at(3).address(), account(3).address());

  ASSERT_EQ(place(4, limit(1, "AAA", side::buy, 9'400, size))->reason, reason_code::none);
  trade(4, 2, 2, 9'500, 10, false);
  fire_timers();
  EXPECT_EQ(state_of(3), risk_state::reducing);
  EXPECT_EQ(margin_of(3), 0);
  fire_timers();
  EXPECT_EQ(state_of(3), risk_state::active);
  EXPECT_TRUE(watched().empty());
  expect_open_orders_match_books();
  expect_conservation(issued_);
}

} // namespace
} // namespace bourse::testing
