// The account actor's valuation at mark prices, deliveries of margin positions and the listeners
// that get its fills and changes.
#include "actors/account/account_actor.hpp"
#include "actors/account/valuation.hpp"

#include "tests/actors/runtime/exchange_fixture.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace bourse::testing {
namespace {

/// What a listener saw: fills and the number of change updates.
struct heard {
  std::vector<fill_notice> fills;
  int updates = 0;
};

class account_portfolio_test : public exchange_fixture {
protected:
  static constexpr account_id buyer = 1;
  static constexpr account_id seller = 2;

  /// `buyer` buys `qty` AAA at 10'000 on margin from `seller`'s spot shares.
  void margin_buy(quantity qty) {
    ASSERT_EQ(ask<reason_code>(account(seller), atoms::deposit::value, std::string{"AAA"}, qty),
              reason_code::none);
    ASSERT_EQ(place(seller, limit(1, "AAA", side::sell, 10'000, qty))->reason, reason_code::none);
    auto buy = limit(1, "AAA", side::buy, 10'000, qty);
    buy.margin = true;
    ASSERT_EQ(place(buyer, buy)->reason, reason_code::none);
    run();
  }

  account_view view(account_id id, const mark_prices& marks) {
    return *ask<account_view>(account(id), caf::get_atom::value, atoms::view::value, marks);
  }

  reason_code deliver(account_id id, std::string symbol, quantity qty) {
    return *ask<reason_code>(account(id), atoms::delivery::value, std::move(symbol), qty);
  }

  /// A listener actor recording into the returned record.
  std::pair<account_listener, std::shared_ptr<heard>> listen(account_id id) {
    auto log = std::make_shared<heard>();
    auto listener = sys_.spawn(
        [](account_listener::pointer, std::shared_ptr<heard> into) -> account_listener::behavior_type {
          return {[into](const fill_notice& n) { into->fills.push_back(n); },
                  [into](atoms::update, account_id) { ++into->updates; }};
        },
        log);
    caf::anon_send(account(id), atoms::subscribe::value, listener);
    run();
    return {listener, log};
  }
};

TEST_F(account_portfolio_test, a_mark_above_the_opening_price_shows_as_unrealized_profit_and_equity) {
  margin_buy(10);
  const auto at_cost = view(buyer, {});
  const auto marked = view(buyer, {{"AAA", 11'000}});
  ASSERT_EQ(marked.positions.size(), 1U);
  const auto& p = marked.positions[0];
  EXPECT_EQ(p.margin, 10);
  EXPECT_EQ(p.margin_average, 10'000);
  EXPECT_EQ(p.mark, 11'000);
  EXPECT_EQ(p.unrealized_pnl, 10 * 1'000);
  EXPECT_EQ(at_cost.positions[0].unrealized_pnl, 0);
  EXPECT_EQ(marked.equity - at_cost.equity, 10 * 1'000);
  EXPECT_EQ(marked.margin_exposure, 10 * 11'000);
  EXPECT_GT(marked.maintenance, 0);
  EXPECT_EQ(marked.state_hash, at_cost.state_hash);
}

TEST_F(account_portfolio_test, taking_delivery_turns_margin_shares_into_spot_at_their_opening_cost) {
  margin_buy(10);
  const cents cash_before = view(buyer, {}).cash_free;
  EXPECT_EQ(deliver(buyer, "AAA", 4), reason_code::none);
  const auto after = view(buyer, {});
  ASSERT_EQ(after.positions.size(), 1U);
  EXPECT_EQ(after.positions[0].margin, 6);
  EXPECT_EQ(after.positions[0].spot, 4);
  EXPECT_EQ(after.positions[0].spot_average, 10'000);
  EXPECT_LT(after.cash_free, cash_before);
  EXPECT_EQ(deliver(buyer, "AAA", 7), reason_code::insufficient_position);
  EXPECT_EQ(deliver(buyer, "AAA", -1), reason_code::insufficient_position); // no short to deliver against
  EXPECT_EQ(deliver(buyer, "ZZZ", 1), reason_code::unknown_symbol);
  EXPECT_EQ(deliver(buyer, "AAA", 0), reason_code::invalid_quantity);
  EXPECT_EQ(view(buyer, {}).positions[0].margin, 6);
}

TEST_F(account_portfolio_test, an_open_short_shows_its_limit_price_not_its_reservation_price) {
  auto sell = limit(1, "AAA", side::sell, 10'000, 5);
  sell.margin = true;
  ASSERT_EQ(place(3, sell)->reason, reason_code::none);
  auto open = view(3, {}).open_orders;
  ASSERT_EQ(open.size(), 1U);
  EXPECT_EQ(open[0].price, 10'000); // a short reserves margin at the band high, above its limit
  ASSERT_EQ(ask<order_result>(account(3), atoms::replace::value, std::string{"AAA"}, std::uint64_t{1},
                              cents{10'050}, quantity{5})
                ->reason,
            reason_code::none);
  open = view(3, {}).open_orders;
  ASSERT_EQ(open.size(), 1U);
  EXPECT_EQ(open[0].price, 10'050);
}

TEST_F(account_portfolio_test, listeners_get_each_fill_from_their_side_and_an_update_per_change) {
  auto [buyer_listener, buyer_heard] = listen(buyer);
  auto [seller_listener, seller_heard] = listen(seller);
  margin_buy(5);
  ASSERT_EQ(buyer_heard->fills.size(), 1U);
  const auto& taken = buyer_heard->fills[0];
  EXPECT_EQ(taken.symbol, "AAA");
  EXPECT_EQ(taken.order_side, side::buy);
  EXPECT_EQ(taken.role, liquidity::taker);
  EXPECT_EQ(taken.qty, 5);
  EXPECT_EQ(taken.price, 10'000);
  EXPECT_EQ(taken.client_order_id, 1U);
  ASSERT_EQ(seller_heard->fills.size(), 1U);
  EXPECT_EQ(seller_heard->fills[0].order_side, side::sell);
  EXPECT_EQ(seller_heard->fills[0].role, liquidity::maker);
  EXPECT_EQ(seller_heard->fills[0].seq, taken.seq);
  EXPECT_GE(buyer_heard->updates, 2); // the placement, the fill
  const int before = buyer_heard->updates;
  ASSERT_EQ(ask<reason_code>(account(buyer), atoms::deposit::value, cents{0}), reason_code::invalid_amount);
  EXPECT_EQ(buyer_heard->updates, before) << "a refused deposit changed nothing";
  ASSERT_EQ(ask<reason_code>(account(buyer), atoms::deposit::value, cents{100}), reason_code::none);
  EXPECT_EQ(buyer_heard->updates, before + 1);
}

TEST_F(account_portfolio_test, a_passivated_account_is_valued_from_its_checkpoint_while_accounts_hold_still) {
  margin_buy(10);
  ASSERT_EQ(ask<reason_code>(account(buyer), atoms::delivery::value, std::string{"AAA"}, quantity{10}),
            reason_code::none); // no margin left: the account may passivate
  const auto awake = view(buyer, {{"AAA", 10'500}});
  ASSERT_EQ(place(3, limit(1, "AAA", side::buy, 9'000, 1))->reason, reason_code::none); // stays open
  fire_timers();
  fire_timers();
  std::optional<account_view> resting;
  ex_.where->with_accounts_still([&](const std::function<account_actor(account_id)>& running) {
    EXPECT_FALSE(running(buyer));
    resting = value_account(*ex_.accounts->all().at(buyer), ex_.instruments->current(), {{"AAA", 10'500}});
  });
  ASSERT_TRUE(resting);
  EXPECT_EQ(resting->equity, awake.equity);
  EXPECT_EQ(resting->state_hash, awake.state_hash);
  ex_.where->with_accounts_still(
      [&](const std::function<account_actor(account_id)>& running) { EXPECT_TRUE(running(3)); });
}

TEST_F(account_portfolio_test, a_listened_account_stays_awake_until_its_listener_is_gone) {
  auto [listener, log] = listen(7);
  fire_timers();
  fire_timers();
  auto running = ex_.where->running_accounts();
  EXPECT_EQ(std::count(running.begin(), running.end(), account_id{7}), 1);
  caf::anon_send_exit(listener, caf::exit_reason::user_shutdown);
  run();
  fire_timers();
  fire_timers();
  running = ex_.where->running_accounts();
  EXPECT_EQ(std::count(running.begin(), running.end(), account_id{7}), 0);
}

} // namespace
} // namespace bourse::testing
