#include "actors/auction/auction_actor.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <gtest/gtest.h>

#include "tests/actors/auction/auction_fixture.hpp"

namespace bourse {
namespace {

using namespace std::chrono_literals;
using test::auctioneer_id;
using test::sample_lot;

/// (seq, high bidder, high price) of one BID event, as a bidder saw it.
using seen_bid = std::tuple<std::uint64_t, account_id, cents>;

/// What all bidders observed together.
struct tally {
  std::map<account_id, std::vector<seen_bid>> seen;
  std::map<account_id, auction_event> ended;
  std::map<reason_code, int> replies;
  cents last_accepted = 0;
};

/// A bidder that answers every event in which it is not the high bidder with a bid at the minimum
/// next price, up to its budget: all bidders react to the same event, so their bids collide.
auction_subscriber spawn_bidder(caf::actor_system& sys, auction_actor lot, account_id me, cents budget,
                                std::shared_ptr<tally> t) {
  // Arguments passed to spawn: CAF 0.17 spawns argument-less function actors through a null tuple.
  auto fn = [](auction_subscriber::pointer self, auction_actor lot, account_id me, cents budget,
               std::shared_ptr<tally> t) -> auction_subscriber::behavior_type {
    return {[=](const auction_event& ev) {
      if (ev.kind == auction_event_kind::bid)
        t->seen[me].emplace_back(ev.seq, ev.high_bidder, ev.high_price);
      if (ev.kind == auction_event_kind::ended)
        t->ended[me] = ev;
      if (ev.state != auction_state::running || ev.high_bidder == me || ev.min_next_bid > budget)
        return;
      const cents price = ev.min_next_bid;
      self->request(lot, std::chrono::seconds(30), auction_atoms::bid::value, me, price)
          .then(
              [=](const bid_reply& r) {
                ++t->replies[r.reason];
                if (r.reason == reason_code::none)
                  t->last_accepted = std::max(t->last_accepted, price);
              },
              [=](caf::error&) { ++t->replies[reason_code::internal_error]; });
    }};
  };
  return sys.spawn(fn, std::move(lot), me, budget, std::move(t));
}

class auction_bidders_test : public test::auction_fixture {};

TEST_F(auction_bidders_test, every_bidder_sees_the_same_bids_and_cash_is_conserved) {
  constexpr account_id bidders = 12;
  for (account_id id = 9 + 1; id <= 9 + bidders; ++id) {
    accounts_->open(id);
    ASSERT_EQ(accounts_->deposit(id, 100'000), reason_code::none);
  }
  lot_definition lot_def = sample_lot();
  lot_def.duration_ns = 3'600'000'000'000; // one hour
  auto lot = spawn(lot_def);
  auto t = std::make_shared<tally>();
  for (account_id i = 0; i < bidders; ++i) {
    auto b = spawn_bidder(sys_, lot, 10 + i, 3'000 + 1'000 * static_cast<cents>(i), t);
    spawned_.push_back(caf::actor_cast<caf::actor>(b));
    caf::anon_send(lot, atoms::subscribe::value, b);
  }
  run();
  ASSERT_EQ(ask<reason_code>(lot, auction_atoms::start::value, auctioneer_id), reason_code::none);
  for (int minute = 0; minute < 200 && t->ended.empty(); ++minute)
    advance(61s); // past the rate-limit window: rate-limited bidders retry on the next timer event

  ASSERT_EQ(t->ended.size(), bidders);
  const auto& reference = t->seen.begin()->second;
  ASSERT_FALSE(reference.empty());
  for (const auto& [who, seen] : t->seen)
    EXPECT_EQ(seen, reference) << "bidder " << who;
  for (std::size_t i = 1; i < reference.size(); ++i)
    EXPECT_GT(std::get<2>(reference[i]), std::get<2>(reference[i - 1]));

  const auction_event& ended = t->ended.begin()->second;
  EXPECT_TRUE(ended.result.sold);
  EXPECT_EQ(ended.result.winner, 10 + bidders - 1); // the largest budget
  EXPECT_EQ(ended.result.price, std::get<2>(reference.back()));
  EXPECT_EQ(ended.result.price, t->last_accepted);
  EXPECT_EQ(t->replies[reason_code::none], static_cast<int>(reference.size()));
  EXPECT_GT(t->replies[reason_code::outbid], 0) << "bids collided";
  EXPECT_EQ(t->replies[reason_code::internal_error], 0);

  EXPECT_EQ(accounts_->cash_imbalance(), 0);
  EXPECT_EQ(accounts_->share_imbalance("LOT"), 0);
  EXPECT_EQ(accounts_->find(auctioneer_id)->free_cash(), ended.result.price);
  for (account_id id = 10; id < 10 + bidders; ++id) {
    const account& acc = *accounts_->find(id);
    EXPECT_EQ(acc.reserved_cash(), 0) << id;
    EXPECT_EQ(acc.free_cash(), id == ended.result.winner ? 100'000 - ended.result.price : 100'000) << id;
  }
}

} // namespace
} // namespace bourse
