#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <gtest/gtest.h>

#include "actors/auction/auction_actor.hpp"
#include "actors/auction/auction_bank.hpp"
#include "actors/runtime/message_types.hpp"
#include "tests/actors/auction/lot_fixture.hpp"

namespace bourse::test {

/// The deterministic testing scheduler with the Bourse and auction message types.
struct auction_test_config : caf::actor_system_config {
  auction_test_config() {
    set("scheduler.policy", caf::atom("testing"));
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
    add_auction_message_types(*this);
  }
};

/// Events one subscriber received, in order.
using event_log = std::vector<auction_event>;

/// A ledger behind a bank actor, auction actors on the testing clock (t0 at construction) and
/// recording subscribers. Accounts 1..8 hold 100,000 cents; the auctioneer (9) holds 10 LOT shares.
class auction_fixture : public ::testing::Test {
protected:
  auction_fixture() : sys_(cfg_), sched_(dynamic_cast<caf::scheduler::test_coordinator&>(sys_.scheduler())) {
    for (account_id id = 1; id <= 8; ++id) {
      accounts_->open(id);
      EXPECT_EQ(accounts_->deposit(id, 100'000), reason_code::none);
    }
    accounts_->open(auctioneer_id);
    EXPECT_EQ(accounts_->issue_shares(auctioneer_id, "LOT", 10), reason_code::none);
    bank_ = spawn_ledger_bank(sys_, accounts_);
  }

  ~auction_fixture() override {
    for (const auto& h : spawned_)
      caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
    run();
  }

  void run() { sched_.run(); }

  /// Advances the testing clock by `d`, fires what became due and runs to quiet.
  void advance(caf::timespan d) {
    sched_.advance_time(d);
    run();
  }

  /// The lot's UTC time: t0 plus the testing clock's progress.
  timestamp_ns utc_now() const { return t0 + (sched_.clock().now() - origin_).count(); }

  /// Spawns the actor of `rules`, its clock mapped so that now is utc_now().
  auction_actor spawn(std::shared_ptr<auction_rules> rules) {
    auction_actor_config cfg;
    cfg.utc_at_spawn = utc_now();
    auto h = spawn_auction(sys_, std::move(rules), bank_, cfg);
    spawned_.push_back(caf::actor_cast<caf::actor>(h));
    return h;
  }

  /// A new lot created now.
  auction_actor spawn(lot_definition lot) {
    return spawn(std::make_shared<auction_rules>(std::move(lot), utc_now()));
  }

  /// A subscriber that appends every event it receives to `log`.
  auction_subscriber recorder(std::shared_ptr<event_log> log) {
    // State as a spawn argument: CAF 0.17 spawns argument-less function actors through a null tuple.
    auto h = sys_.spawn(
        [](auction_subscriber::pointer, std::shared_ptr<event_log> out) -> auction_subscriber::behavior_type {
          return {[out](const auction_event& ev) { out->push_back(ev); }};
        },
        std::move(log));
    spawned_.push_back(caf::actor_cast<caf::actor>(h));
    return h;
  }

  /// Subscribes a new recorder to `lot` and returns its log.
  std::shared_ptr<event_log> join(const auction_actor& lot) {
    auto log = std::make_shared<event_log>();
    caf::anon_send(lot, atoms::subscribe::value, recorder(log));
    run();
    return log;
  }

  /// Sends a request, runs the system and returns the reply (nullopt on error).
  template <class Result, class... Ts>
  std::optional<Result> ask(const auction_actor& dest, Ts&&... xs) {
    auto handle = self_->request(dest, std::chrono::seconds(30), std::forward<Ts>(xs)...);
    run();
    std::optional<Result> out;
    handle.receive([&](Result& r) { out = std::move(r); }, [&](caf::error&) {});
    return out;
  }

  reason_code bid(const auction_actor& lot, account_id bidder, cents price) {
    auto reply = ask<bid_reply>(lot, auction_atoms::bid::value, bidder, price);
    return reply ? reply->reason : reason_code::internal_error;
  }

  auction_test_config cfg_;
  caf::actor_system sys_;
  caf::scheduler::test_coordinator& sched_;
  caf::actor_clock::time_point origin_ = sched_.clock().now();
  caf::scoped_actor self_{sys_};
  std::shared_ptr<ledger> accounts_ = std::make_shared<ledger>();
  auction_bank_actor bank_;
  std::vector<caf::actor> spawned_;
};

/// The events of one kind in a log.
inline event_log of_kind(const event_log& log, auction_event_kind kind) {
  event_log out;
  for (const auto& ev : log)
    if (ev.kind == kind)
      out.push_back(ev);
  return out;
}

} // namespace bourse::test
