#include "actors/liquidation/liquidation_actor.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <vector>

#include <caf/typed_event_based_actor.hpp>

#include "tests/actors/account/account_fixture.hpp"
#include "tests/actors/runtime/actor_fixture.hpp"

namespace bourse {
namespace {

/// A stand-in account actor over a real ledger account: answers margin checks with check_margin
/// (unless silent), applies risk states and places orders through account::place, records the orders
/// it got and counts the checks.
struct fake_account {
  std::shared_ptr<const instrument_table> instruments;
  account acc{1};
  std::vector<new_order> orders;
  int checks = 0;
  bool silent = false;
};

/// The fake's handle: liquidation_target plus (watch, holds), which it passes on to the liquidation
/// actor as its own registration.
using fake_handle = liquidation_target::extend<caf::reacts_to<atoms::watch, margin_watcher, bool>>;

fake_handle spawn_fake(caf::actor_system& sys, std::shared_ptr<fake_account> fake) {
  return sys.spawn(
      [](fake_handle::pointer self, std::shared_ptr<fake_account> f) -> fake_handle::behavior_type {
        return {
            [self, f](atoms::margin, const mark_prices& marks) {
              ++f->checks;
              if (f->silent)
                return;
              self->send(caf::actor_cast<margin_watcher>(self->current_sender()), atoms::margin::value,
                         f->acc.id(), check_margin(f->acc, *f->instruments, marks));
            },
            [self](atoms::watch, const margin_watcher& watcher, bool holds) {
              self->send(watcher, atoms::watch::value, account_id{1}, holds);
            },
            [f](atoms::risk, risk_state next) {
              f->acc.set_state(next);
              return next;
            },
            [f](atoms::place, const new_order& o) {
              f->orders.push_back(o);
              const order_request request{.owner = 1,
                                          .client_ref = o.client_order_id,
                                          .order_side = o.order_side,
                                          .type = o.type,
                                          .tif = o.tif,
                                          .qty = o.qty};
              const auto why = f->acc.place(f->instruments->at(o.symbol), request, o.margin);
              return order_result{o.client_order_id, o.symbol, 0, why};
            },
        };
      },
      std::move(fake));
}

/// OMNI with a 25 % maintenance margin; account 1 holds a margin long of 100 shares bought at 10.00
/// with 600.00 of its own cash (IM 50 %): equity = 100 × mark − 400.00 (less the fee), so it falls
/// under maintenance below a mark of about 5.33.
class liquidation : public testing::actor_fixture {
protected:
  liquidation() {
    auto table = std::make_shared<instrument_table>();
    table->emplace(inst_.symbol, inst_);
    fake_->instruments = table;
    account& acc = fake_->acc;
    EXPECT_EQ(acc.deposit(60'000), reason_code::none);
    EXPECT_EQ(acc.place(inst_, test::limit(1, 1, side::buy, 1'000, 100), true), reason_code::none);
    EXPECT_EQ(acc.apply_fill(inst_, 1, 1'000, 100, liquidity::taker).reason, reason_code::none);
    target_ = spawn_fake(sys_, fake_);
    liquidator_ = spawn_liquidation(sys_, state_);
    register_fake(true);
  }

  ~liquidation() override {
    self_->send_exit(liquidator_, caf::exit_reason::user_shutdown);
    self_->send_exit(target_, caf::exit_reason::user_shutdown);
    run();
  }

  /// The fake tells the liquidation actor that it holds (or no longer holds) a margin position.
  void register_fake(bool holds) {
    self_->send(target_, atoms::watch::value, margin_watcher{liquidator_}, holds);
    run();
  }

  void mark(cents price) {
    self_->send(liquidator_, trade_print{inst_.symbol, ++seq_, 0, price, 1, side::sell});
    run();
  }

  std::vector<account_id> reducing() {
    return ask<std::vector<account_id>>(liquidator_, caf::get_atom::value, atoms::view::value).value();
  }

  bool watched() const { return state_->watched.contains(1); }

  instrument inst_ = test::omni();
  std::shared_ptr<fake_account> fake_ = std::make_shared<fake_account>();
  std::shared_ptr<liquidation_state> state_ = std::make_shared<liquidation_state>();
  fake_handle target_;
  liquidation_actor liquidator_;
  sequence seq_ = 0;
};

TEST_F(liquidation, a_healthy_account_is_left_alone) {
  mark(900);
  fire_timers();
  EXPECT_EQ(fake_->acc.state(), risk_state::active);
  EXPECT_TRUE(fake_->orders.empty());
  EXPECT_TRUE(reducing().empty());
  EXPECT_EQ(fake_->checks, 1);
  EXPECT_TRUE(watched());
}

TEST_F(liquidation, under_maintenance_it_reduces_with_one_close_until_flat_then_reactivates) {
  mark(500);
  fire_timers();
  EXPECT_EQ(fake_->acc.state(), risk_state::reducing);
  EXPECT_EQ(reducing(), std::vector<account_id>{1});
  ASSERT_EQ(fake_->orders.size(), 1U);
  const new_order& close = fake_->orders.front();
  EXPECT_EQ(close.order_side, side::sell);
  EXPECT_EQ(close.type, order_type::market);
  EXPECT_EQ(close.qty, 100);
  EXPECT_TRUE(close.reduce_only);
  EXPECT_TRUE(close.margin);
  EXPECT_EQ(close.client_order_id, liquidation_order_base);
  ASSERT_NE(fake_->acc.find_order(close.client_order_id), nullptr);

  fire_timers(); // the close is still working: nothing new is sent
  EXPECT_EQ(fake_->orders.size(), 1U);

  ASSERT_EQ(fake_->acc.apply_fill(inst_, close.client_order_id, 500, 100, liquidity::taker).reason,
            reason_code::none);
  fire_timers();
  EXPECT_EQ(fake_->acc.state(), risk_state::active);
  EXPECT_TRUE(reducing().empty());
  EXPECT_EQ(fake_->orders.size(), 1U);
  EXPECT_FALSE(watched()); // flat: the answer ends the watch
}

TEST_F(liquidation, a_close_that_did_not_trade_is_sent_again_and_a_price_recovery_ends_it) {
  mark(500);
  fire_timers();
  ASSERT_EQ(fake_->orders.size(), 1U);
  ASSERT_EQ(fake_->acc.release_all(fake_->orders.front().client_order_id), reason_code::none);
  fire_timers();
  ASSERT_EQ(fake_->orders.size(), 2U);
  EXPECT_EQ(fake_->orders.back().client_order_id, liquidation_order_base + 1);
  ASSERT_EQ(fake_->acc.release_all(fake_->orders.back().client_order_id), reason_code::none);
  mark(1'000);
  fire_timers();
  EXPECT_EQ(fake_->acc.state(), risk_state::active);
  EXPECT_EQ(fake_->orders.size(), 2U);
}

TEST_F(liquidation, an_account_reduced_by_an_admin_keeps_its_state) {
  fake_->acc.set_state(risk_state::reducing);
  mark(1'000);
  fire_timers();
  EXPECT_EQ(fake_->acc.state(), risk_state::reducing);
}

TEST_F(liquidation, an_account_that_stops_holding_margin_is_no_longer_checked) {
  ASSERT_TRUE(watched());
  register_fake(false);
  EXPECT_FALSE(watched());
  mark(500);
  fire_timers();
  EXPECT_EQ(fake_->checks, 0);
  EXPECT_TRUE(fake_->orders.empty());
}

TEST_F(liquidation, a_reduced_account_that_goes_flat_stays_watched_until_a_check_releases_it) {
  mark(500);
  fire_timers();
  ASSERT_EQ(fake_->orders.size(), 1U);
  ASSERT_EQ(
      fake_->acc.apply_fill(inst_, fake_->orders.front().client_order_id, 500, 100, liquidity::taker).reason,
      reason_code::none);
  register_fake(false);
  EXPECT_TRUE(watched());
  EXPECT_EQ(fake_->acc.state(), risk_state::reducing);
  fire_timers();
  EXPECT_EQ(fake_->acc.state(), risk_state::active);
  EXPECT_FALSE(watched());
}

TEST_F(liquidation, an_account_that_does_not_answer_is_asked_again_only_after_patience_ticks) {
  fake_->silent = true;
  fire_timers();
  EXPECT_EQ(fake_->checks, 1);
  fire_timers(); // the first check is still unanswered: skipped
  EXPECT_EQ(fake_->checks, 1);
  fire_timers(); // patience (2 ticks) ran out: sent again
  EXPECT_EQ(fake_->checks, 2);
  fake_->silent = false;
  fire_timers();
  EXPECT_EQ(fake_->checks, 2);
  fire_timers(); // answered
  EXPECT_EQ(fake_->checks, 3);
  fire_timers(); // answered accounts are checked every tick
  EXPECT_EQ(fake_->checks, 4);
}

TEST_F(liquidation, a_dead_account_leaves_the_watch_and_its_restart_registers_again) {
  const auto old_address = target_.address();
  self_->send_exit(target_, caf::exit_reason::kill);
  run();
  EXPECT_FALSE(watched());
  fire_timers();
  EXPECT_EQ(fake_->checks, 0);

  target_ = spawn_fake(sys_, fake_);
  register_fake(true);
  ASSERT_TRUE(watched());
  EXPECT_NE(state_->watched.at(1).address(), old_address);
  mark(500);
  fire_timers();
  EXPECT_EQ(fake_->acc.state(), risk_state::reducing);
  EXPECT_EQ(fake_->orders.size(), 1U);
}

TEST_F(liquidation, a_newer_incarnation_replaces_the_older_and_the_older_death_is_ignored) {
  auto older = target_;
  target_ = spawn_fake(sys_, fake_);
  register_fake(true);
  self_->send(older, atoms::watch::value, margin_watcher{liquidator_}, false); // a late stop: ignored
  run();
  self_->send_exit(older, caf::exit_reason::kill);
  run();
  ASSERT_TRUE(watched());
  EXPECT_EQ(state_->watched.at(1).address(), target_.address());
  fire_timers();
  EXPECT_EQ(fake_->checks, 1);
}

TEST_F(liquidation, a_restarted_liquidation_actor_checks_and_monitors_the_watched_accounts) {
  mark(500);
  self_->send_exit(liquidator_, caf::exit_reason::kill);
  run();
  liquidator_ = spawn_liquidation(sys_, state_);
  run();
  fire_timers();
  EXPECT_EQ(fake_->acc.state(), risk_state::reducing);
  EXPECT_EQ(reducing(), std::vector<account_id>{1});
  self_->send_exit(target_, caf::exit_reason::kill);
  run();
  EXPECT_FALSE(watched());
}

TEST(check_margin_test, picks_the_largest_exposure_and_skips_closing_shares) {
  instrument a = test::omni();
  instrument b = test::omni();
  b.symbol = "BETA";
  const instrument_table table{{a.symbol, a}, {b.symbol, b}};
  account acc{1};
  ASSERT_EQ(acc.deposit(100'000), reason_code::none);
  ASSERT_EQ(acc.place(a, test::limit(1, 1, side::buy, 1'000, 100), true), reason_code::none);
  ASSERT_EQ(acc.apply_fill(a, 1, 1'000, 100, liquidity::taker).reason, reason_code::none);
  ASSERT_EQ(acc.place(b, test::limit(1, 2, side::sell, 1'000, 60), true), reason_code::none);
  ASSERT_EQ(acc.apply_fill(b, 2, 1'000, 60, liquidity::taker).reason, reason_code::none);
  EXPECT_FALSE(check_margin(acc, table, {{"OMNI", 1'000}, {"BETA", 1'000}}).under_maintenance);
  const mark_prices crash{{"OMNI", 100}, {"BETA", 3'000}};
  auto c = check_margin(acc, table, crash);
  ASSERT_TRUE(c.under_maintenance);
  ASSERT_EQ(c.closes, (std::vector<close_order>{{"BETA", side::buy, 60}}));
  ASSERT_EQ(acc.place(b, test::market(1, 3, side::buy, 60), true), reason_code::none);
  c = check_margin(acc, table, crash);
  EXPECT_EQ(c.closes, (std::vector<close_order>{{"OMNI", side::sell, 100}}));
  EXPECT_TRUE(c.margin_held);
}

TEST(check_margin_test, only_a_margin_position_makes_an_account_liquidatable) {
  const instrument a = test::omni();
  const instrument_table table{{a.symbol, a}};
  account acc{1};
  ASSERT_EQ(acc.deposit(100'000), reason_code::none);
  ASSERT_EQ(acc.place(a, test::limit(1, 1, side::buy, 1'000, 50), false), reason_code::none);
  ASSERT_EQ(acc.apply_fill(a, 1, 1'000, 50, liquidity::taker).reason, reason_code::none);
  ASSERT_EQ(acc.place(a, test::limit(1, 2, side::buy, 1'000, 10), true), reason_code::none);
  EXPECT_FALSE(holds_margin(acc)); // spot and an unfilled margin order
  EXPECT_FALSE(check_margin(acc, table, {{"OMNI", 1}}).margin_held);
  ASSERT_EQ(acc.apply_fill(a, 2, 1'000, 10, liquidity::taker).reason, reason_code::none);
  EXPECT_TRUE(holds_margin(acc));
  ASSERT_EQ(acc.place(a, test::limit(1, 3, side::sell, 1'000, 10), true), reason_code::none);
  ASSERT_EQ(acc.apply_fill(a, 3, 1'000, 10, liquidity::taker).reason, reason_code::none);
  EXPECT_FALSE(holds_margin(acc));
  EXPECT_EQ(acc.borrowed_cash(), 0);
}

} // namespace
} // namespace bourse
