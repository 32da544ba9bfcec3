#include "actors/auction/auction_actor.hpp"

#include <gtest/gtest.h>

#include "tests/actors/auction/auction_fixture.hpp"

namespace bourse {
namespace {

using namespace std::chrono_literals;
using test::auctioneer_id;
using test::of_kind;
using test::sample_lot;
using test::second_ns;

class auction_actor_test : public test::auction_fixture {
protected:
  /// A sample lot, started now, with a subscriber.
  auction_actor started(lot_definition lot = sample_lot()) {
    auto h = spawn(std::move(lot));
    log_ = join(h);
    EXPECT_EQ(ask<reason_code>(h, auction_atoms::start::value, auctioneer_id), reason_code::none);
    end_ = utc_now() + five_minutes_ns;
    return h;
  }

  cents held(account_id id) const { return accounts_->find(id)->held(sample_lot().id); }

  std::shared_ptr<test::event_log> log_;
  timestamp_ns end_ = 0;
};

TEST_F(auction_actor_test, join_gets_a_state_snapshot_first) {
  auto lot = spawn(sample_lot());
  auto log = join(lot);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->front().kind, auction_event_kind::state);
  EXPECT_EQ(log->front().state, auction_state::scheduled);
  EXPECT_EQ(log->front().min_next_bid, 1'000);
}

TEST_F(auction_actor_test, timer_event_every_second_while_running) {
  auto lot = started();
  advance(1s);
  advance(1s);
  const auto timers = of_kind(*log_, auction_event_kind::timer);
  ASSERT_EQ(timers.size(), 2u);
  EXPECT_EQ(timers[0].remaining_ns, five_minutes_ns - second_ns);
  EXPECT_EQ(timers[1].remaining_ns, five_minutes_ns - 2 * second_ns);
  EXPECT_EQ(timers[1].end_time, end_);
}

TEST_F(auction_actor_test, closes_exactly_at_the_end_and_settles) {
  auto lot = started();
  ASSERT_EQ(bid(lot, 1, 1'000), reason_code::none);
  advance(std::chrono::nanoseconds{end_ - utc_now() - 1});
  EXPECT_TRUE(of_kind(*log_, auction_event_kind::ended).empty());
  EXPECT_EQ(bid(lot, 2, 1'100), reason_code::none); // 1 ns before the end: extends
  const auto extended = of_kind(*log_, auction_event_kind::extended);
  ASSERT_EQ(extended.size(), 1u);
  const timestamp_ns new_end = extended[0].end_time;
  EXPECT_EQ(new_end, utc_now() + five_minutes_ns);
  advance(std::chrono::nanoseconds{new_end - utc_now() - 1}); // the close for the old end is ignored
  EXPECT_TRUE(of_kind(*log_, auction_event_kind::ended).empty());
  advance(1ns);
  const auto ended = of_kind(*log_, auction_event_kind::ended);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].time, new_end);
  EXPECT_EQ(ended[0].state, auction_state::ended);
  EXPECT_EQ(ended[0].result,
            (auction_result{.sold = true, .winner = 2, .price = 1'100, .reason = reason_code::none}));
  EXPECT_EQ(ended[0].settlement, reason_code::none);
  EXPECT_EQ(accounts_->find(2)->find_position("LOT")->spot, 10);
  EXPECT_EQ(accounts_->find(2)->free_cash(), 100'000 - 1'100);
  EXPECT_EQ(accounts_->find(auctioneer_id)->free_cash(), 1'100);
  EXPECT_EQ(accounts_->find(1)->free_cash(), 100'000);
  EXPECT_EQ(accounts_->cash_imbalance(), 0);
  EXPECT_EQ(accounts_->share_imbalance("LOT"), 0);
  EXPECT_EQ(bid(lot, 3, 5'000), reason_code::auction_not_running);
  const auto timers = of_kind(*log_, auction_event_kind::timer).size();
  advance(5s);
  EXPECT_EQ(of_kind(*log_, auction_event_kind::timer).size(), timers); // no timer after the close
}

TEST_F(auction_actor_test, the_start_escrows_the_shares_and_a_lot_without_sale_gives_them_back) {
  auto lot = started();
  const position* pos = accounts_->find(auctioneer_id)->find_position("LOT");
  EXPECT_EQ(pos->spot, 0);
  EXPECT_EQ(pos->spot_reserved, 10);
  advance(std::chrono::nanoseconds{end_ - utc_now()});
  ASSERT_EQ(of_kind(*log_, auction_event_kind::ended).size(), 1u);
  EXPECT_EQ(pos->spot, 10);
  EXPECT_EQ(pos->spot_reserved, 0);
}

TEST_F(auction_actor_test, a_seller_without_the_shares_cannot_start_the_lot) {
  lot_definition lot_def = sample_lot();
  lot_def.qty = 11;
  auto lot = spawn(lot_def);
  EXPECT_EQ(ask<reason_code>(lot, auction_atoms::start::value, auctioneer_id),
            reason_code::insufficient_shares);
  EXPECT_EQ(ask<auction_record>(lot, caf::get_atom::value, atoms::snapshot::value)->state,
            auction_state::scheduled);
  EXPECT_EQ(accounts_->find(auctioneer_id)->find_position("LOT")->spot, 10);
}

TEST_F(auction_actor_test, cancelling_a_running_lot_gives_the_escrow_back) {
  auto lot = started();
  EXPECT_EQ(ask<reason_code>(lot, atoms::cancel::value, auctioneer_id), reason_code::none);
  EXPECT_EQ(accounts_->find(auctioneer_id)->find_position("LOT")->spot, 10);
}

TEST_F(auction_actor_test, extension_at_the_exact_window_boundary) {
  lot_definition lot_def = sample_lot();
  lot_def.duration_ns = 10 * 60 * second_ns;
  auto lot = started(lot_def);
  const timestamp_ns end = utc_now() + lot_def.duration_ns;
  advance(std::chrono::nanoseconds{end - lot_def.extension_window_ns - utc_now()});
  ASSERT_EQ(bid(lot, 1, 1'000), reason_code::none); // exactly 5 min left: no extension
  EXPECT_TRUE(of_kind(*log_, auction_event_kind::extended).empty());
  advance(1ns);
  ASSERT_EQ(bid(lot, 2, 1'100), reason_code::none);
  const auto extended = of_kind(*log_, auction_event_kind::extended);
  ASSERT_EQ(extended.size(), 1u);
  EXPECT_EQ(extended[0].end_time, utc_now() + lot_def.extension_ns);
}

TEST_F(auction_actor_test, simultaneous_bids_one_wins_the_other_is_outbid) {
  auto lot = started();
  auto first = self_->request(lot, 30s, auction_atoms::bid::value, account_id{1}, cents{1'000});
  auto second = self_->request(lot, 30s, auction_atoms::bid::value, account_id{2}, cents{1'000});
  run();
  reason_code a = reason_code::internal_error;
  reason_code b = reason_code::internal_error;
  first.receive([&](const bid_reply& r) { a = r.reason; }, [](caf::error&) {});
  second.receive([&](const bid_reply& r) { b = r.reason; }, [](caf::error&) {});
  EXPECT_EQ(a, reason_code::none);
  EXPECT_EQ(b, reason_code::outbid);
  EXPECT_EQ(of_kind(*log_, auction_event_kind::bid).size(), 1u);
  EXPECT_EQ(held(1), 1'000);
  EXPECT_EQ(held(2), 0);
}

TEST_F(auction_actor_test, outbid_bidder_gets_the_cash_back) {
  auto lot = started();
  ASSERT_EQ(bid(lot, 1, 1'000), reason_code::none);
  EXPECT_EQ(accounts_->find(1)->reserved_cash(), 1'000);
  ASSERT_EQ(bid(lot, 2, 1'500), reason_code::none);
  EXPECT_EQ(held(1), 0);
  EXPECT_EQ(accounts_->find(1)->free_cash(), 100'000);
  EXPECT_EQ(held(2), 1'500);
  const auto bids = of_kind(*log_, auction_event_kind::bid);
  ASSERT_EQ(bids.size(), 2u);
  EXPECT_EQ(bids[1].high_bidder, 2u);
  EXPECT_EQ(bids[1].high_price, 1'500);
  EXPECT_EQ(bids[1].min_next_bid, 1'600);
  EXPECT_LT(bids[0].seq, bids[1].seq);
}

TEST_F(auction_actor_test, bid_without_the_cash_is_refused) {
  auto lot = started();
  EXPECT_EQ(bid(lot, 1, 100'001), reason_code::insufficient_buying_power);
  EXPECT_EQ(bid(lot, 1, 900), reason_code::bid_too_low);
  EXPECT_TRUE(of_kind(*log_, auction_event_kind::bid).empty());
  EXPECT_EQ(accounts_->find(1)->reserved_cash(), 0);
  auto rec = ask<auction_record>(lot, caf::get_atom::value, atoms::snapshot::value);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->audit.back().reason, reason_code::bid_too_low);
  EXPECT_EQ(rec->audit[rec->audit.size() - 2].reason, reason_code::insufficient_buying_power);
}

TEST_F(auction_actor_test, no_sale_under_the_reserve_releases_the_high_bid) {
  lot_definition lot_def = sample_lot();
  lot_def.reserve_price = 5'000;
  auto lot = started(lot_def);
  ASSERT_EQ(bid(lot, 1, 1'000), reason_code::none);
  advance(std::chrono::nanoseconds{end_ - utc_now()});
  const auto ended = of_kind(*log_, auction_event_kind::ended);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_FALSE(ended[0].result.sold);
  EXPECT_EQ(ended[0].result.reason, reason_code::reserve_not_met);
  EXPECT_EQ(accounts_->find(1)->free_cash(), 100'000);
  EXPECT_EQ(accounts_->find(auctioneer_id)->find_position("LOT")->spot, 10);
}

TEST_F(auction_actor_test, scheduled_start_opens_the_lot_on_time) {
  lot_definition lot_def = sample_lot();
  lot_def.scheduled_start = utc_now() + 60 * second_ns;
  auto lot = spawn(lot_def);
  auto log = join(lot);
  advance(59s);
  EXPECT_EQ(bid(lot, 1, 1'000), reason_code::auction_not_running);
  advance(1s);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->back().kind, auction_event_kind::state);
  EXPECT_EQ(log->back().state, auction_state::running);
  EXPECT_EQ(log->back().end_time, lot_def.scheduled_start + five_minutes_ns);
  EXPECT_EQ(bid(lot, 1, 1'000), reason_code::none);
}

TEST_F(auction_actor_test, cancel_before_the_first_bid_only) {
  auto lot = started();
  EXPECT_EQ(ask<reason_code>(lot, atoms::cancel::value, account_id{1}), reason_code::forbidden);
  ASSERT_EQ(bid(lot, 1, 1'000), reason_code::none);
  EXPECT_EQ(ask<reason_code>(lot, atoms::cancel::value, auctioneer_id), reason_code::auction_has_bids);

  auto other = started();
  EXPECT_EQ(ask<reason_code>(other, atoms::cancel::value, auctioneer_id), reason_code::none);
  EXPECT_EQ(log_->back().kind, auction_event_kind::ended);
  EXPECT_EQ(log_->back().state, auction_state::cancelled);
  EXPECT_EQ(bid(other, 2, 1'000), reason_code::auction_not_running);
}

TEST_F(auction_actor_test, running_lot_survives_a_restart) {
  auto rules = std::make_shared<auction_rules>(sample_lot(), utc_now());
  auto lot = spawn(rules);
  ASSERT_EQ(ask<reason_code>(lot, auction_atoms::start::value, auctioneer_id), reason_code::none);
  ASSERT_EQ(bid(lot, 1, 1'000), reason_code::none);
  advance(10s);
  ASSERT_EQ(bid(lot, 2, 1'100), reason_code::none); // less than the 5-min window left: extends
  const timestamp_ns end = utc_now() + five_minutes_ns;
  auto record = ask<auction_record>(lot, caf::get_atom::value, atoms::snapshot::value);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->end_time, end);
  EXPECT_EQ(record->bids.size(), 2u);
  caf::anon_send_exit(lot, caf::exit_reason::kill);
  run();
  advance(100s); // the node is down for a while

  auto restored = spawn(std::make_shared<auction_rules>(*record));
  auto log = join(restored);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->front().state, auction_state::running);
  EXPECT_EQ(log->front().high_bidder, 2u);
  EXPECT_EQ(log->front().end_time, end);
  EXPECT_EQ(log->front().remaining_ns, end - utc_now());
  EXPECT_EQ(bid(restored, 1, 1'150), reason_code::bid_too_low);
  advance(std::chrono::nanoseconds{end - utc_now()});
  const auto ended = of_kind(*log, auction_event_kind::ended);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].time, end);
  EXPECT_EQ(ended[0].result.winner, 2u);
  EXPECT_EQ(accounts_->find(2)->find_position("LOT")->spot, 10);
  EXPECT_EQ(accounts_->cash_imbalance(), 0);
}

/// A bank that never answers a hold and counts the releases it is sent.
struct silent_bank_log {
  std::vector<account_id> released;
  std::vector<caf::typed_response_promise<reason_code>> unanswered;
};

auction_bank_actor spawn_silent_bank(caf::actor_system& sys, std::shared_ptr<silent_bank_log> log) {
  return sys.spawn(
      [](auction_bank_actor::pointer self,
         std::shared_ptr<silent_bank_log> out) -> auction_bank_actor::behavior_type {
        return {
            [self, out](auction_atoms::hold, account_id, lot_id, cents) {
              out->unanswered.push_back(self->make_response_promise<reason_code>());
              return out->unanswered.back();
            },
            [out](auction_atoms::release, account_id who, lot_id) {
              out->released.push_back(who);
              return reason_code::none;
            },
            [](auction_atoms::escrow, const auction_settlement&) { return reason_code::none; },
            [](auction_atoms::settle, const auction_settlement&) { return reason_code::none; },
            [](auction_atoms::tick) {
              // nop
            },
        };
      },
      std::move(log));
}

TEST_F(auction_actor_test, a_hold_the_bank_never_answers_expires_at_a_timer_tick_and_the_next_bid_goes_on) {
  auto silent = std::make_shared<silent_bank_log>();
  bank_ = spawn_silent_bank(sys_, silent);
  spawned_.push_back(caf::actor_cast<caf::actor>(bank_));
  auto lot = started();
  auto first = self_->request(lot, 60s, auction_atoms::bid::value, account_id{1}, cents{1'000});
  auto second = self_->request(lot, 60s, auction_atoms::bid::value, account_id{2}, cents{1'000});
  run();
  ASSERT_EQ(silent->unanswered.size(), 1u); // the second bid waits behind the first one's hold
  advance(1s);                              // a tick before the 2 s bank timeout: still waiting
  EXPECT_EQ(silent->unanswered.size(), 1u);
  advance(1s); // the tick at the deadline expires it; the second bid's hold goes out
  reason_code a = reason_code::internal_error;
  first.receive([&](const bid_reply& r) { a = r.reason; }, [](caf::error&) {});
  EXPECT_EQ(a, reason_code::timeout);
  EXPECT_EQ(silent->released, std::vector<account_id>{1}); // it may have reached the account later
  EXPECT_EQ(silent->unanswered.size(), 2u);
  advance(2s);
  reason_code b = reason_code::internal_error;
  second.receive([&](const bid_reply& r) { b = r.reason; }, [](caf::error&) {});
  EXPECT_EQ(b, reason_code::timeout);
  EXPECT_TRUE(of_kind(*log_, auction_event_kind::bid).empty());
  auto rec = ask<auction_record>(lot, caf::get_atom::value, atoms::snapshot::value);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->recent_bids.at(1).size(), 1u); // a timed-out attempt counts like any refusal
}

} // namespace
} // namespace bourse
