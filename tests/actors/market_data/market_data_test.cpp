#include "actors/market_data/market_data_actor.hpp"

#include <optional>

#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tests/actors/runtime/actor_fixture.hpp"

namespace bourse::testing {
namespace {

constexpr timestamp_ns second = 1'000'000'000;

/// What a recording subscriber has received.
struct received {
  std::vector<l2_snapshot> snapshots;
  std::vector<l2_delta> deltas;
  std::vector<trade_print> trades;
  std::vector<candle> candles;
  int tickers = 0;
  int dropped = 0;
};

md_subscriber spawn_recorder(caf::actor_system& sys, std::shared_ptr<received> log) {
  auto recorder = [](md_subscriber::pointer, std::shared_ptr<received> log) -> md_subscriber::behavior_type {
    return {
        [log](const l2_snapshot& x) { log->snapshots.push_back(x); },
        [log](const l2_delta& x) { log->deltas.push_back(x); },
        [log](const trade_print& x) { log->trades.push_back(x); },
        [log](const ticker&) { ++log->tickers; },
        [log](const candle& x) { log->candles.push_back(x); },
        [log](atoms::dropped, const std::string&) { ++log->dropped; },
    };
  };
  return sys.spawn(recorder, std::move(log));
}

/// A book update with one bid level at `bid` (quantity `qty`) and an optional trade.
md_update update(cents bid, quantity qty, timestamp_ns time, quantity traded = 0) {
  md_update u;
  u.time = time;
  u.bids = {price_level_view{bid, qty, 1}};
  if (traded > 0)
    u.trades = {trade_print{"AAA", 0, time, bid, traded, side::sell}};
  return u;
}

/// What a stand-in persistence actor was sent; it keeps acks unanswered until `answer` is set.
struct held_store {
  std::vector<persist_request> requests;
  std::vector<caf::typed_response_promise<durable_ack>> acks;
  std::optional<reason_code> answer;
};

persistence_actor spawn_store(caf::actor_system& sys, std::shared_ptr<held_store> log) {
  auto store = [](persistence_actor::pointer self,
                  std::shared_ptr<held_store> log) -> persistence_actor::behavior_type {
    return {
        [self, log](atoms::persist, persist_request& r) -> caf::result<durable_ack> {
          log->requests.push_back(std::move(r));
          if (log->answer)
            return durable_ack{*log->answer, 0};
          log->acks.push_back(self->make_response_promise<durable_ack>());
          return log->acks.back();
        },
        [](caf::get_atom, atoms::persist) { return persistence_stats{}; },
    };
  };
  return sys.spawn(store, std::move(log));
}

class market_data_test : public actor_fixture {
protected:
  market_data_actor spawn(credit_policy policy, persistence_actor store = {}) {
    state_ = std::make_shared<market_data_state>("AAA", policy);
    return spawn_market_data(sys_, state_, std::move(store));
  }
  std::shared_ptr<market_data_state> state_;
};

TEST_F(market_data_test, deltas_are_sequenced_so_a_subscriber_can_detect_gaps) {
  auto md = spawn(credit_policy{1'000, 2'000});
  auto log = std::make_shared<received>();
  auto sub = spawn_recorder(sys_, log);
  auto snap = ask<l2_snapshot>(md, atoms::subscribe::value, sub);
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->md_seq, 0u);
  for (int i = 0; i < 5; ++i)
    caf::anon_send(md, atoms::update::value, update(9'000 + i, 10, i * second));
  caf::anon_send(md, atoms::update::value, update(9'004, 10, 6 * second)); // unchanged depth: no delta
  run();
  ASSERT_EQ(log->deltas.size(), 5u);
  for (std::size_t i = 0; i < log->deltas.size(); ++i)
    EXPECT_EQ(log->deltas[i].md_seq, snap->md_seq + 1 + i);
  // the second delta replaces level 9000 by 9001: one removal and one new level
  ASSERT_EQ(log->deltas[1].changes.size(), 2u);
  EXPECT_EQ(log->deltas[1].changes[0].qty, 0);
  EXPECT_EQ(log->deltas[1].changes[1].price, 9'001);
}

TEST_F(market_data_test, slow_subscriber_is_conflated_then_resynced_then_dropped) {
  auto md = spawn(credit_policy{4, 20});
  auto log = std::make_shared<received>();
  auto sub = spawn_recorder(sys_, log);
  ASSERT_TRUE(ask<l2_snapshot>(md, atoms::subscribe::value, sub));
  for (int i = 0; i < 6; ++i) // each update: one delta + one ticker
    caf::anon_send(md, atoms::update::value, update(9'000 + i, 10, 0));
  run();
  EXPECT_EQ(log->deltas.size() + log->tickers, 4u); // conflated past 4 unconsumed messages
  caf::anon_send(md, atoms::credit::value, sub, std::uint64_t{4});
  run();
  ASSERT_EQ(log->snapshots.size(), 1u); // resync: the latest state instead of the missed deltas
  EXPECT_EQ(log->snapshots[0].md_seq, 6u);
  EXPECT_EQ(log->snapshots[0].bids.front().price, 9'005);
  for (int i = 0; i < 10; ++i) // never credits again: dropped past 20
    caf::anon_send(md, atoms::update::value, update(8'000 + i, 10, 0));
  run();
  EXPECT_EQ(log->dropped, 1);
  EXPECT_FALSE(state_->subscribers.contains(sub));
}

TEST_F(market_data_test, trades_build_candles_and_the_daily_summary) {
  auto md = spawn(credit_policy{});
  auto log = std::make_shared<received>();
  auto sub = spawn_recorder(sys_, log);
  ASSERT_TRUE(ask<l2_snapshot>(md, atoms::subscribe::value, sub));
  const timestamp_ns t0 = 1'700'000'000LL * second;
  caf::anon_send(md, atoms::update::value, update(10'000, 5, t0, 3));
  caf::anon_send(md, atoms::update::value, update(10'010, 5, t0 + second / 2, 4));
  caf::anon_send(md, atoms::update::value, update(9'990, 5, t0 + second / 2 + 1, 2));
  caf::anon_send(md, atoms::update::value, update(10'020, 5, t0 + 2 * second, 1));
  run();
  EXPECT_EQ(log->trades.size(), 4u);
  ASSERT_EQ(log->candles.size(), 1u); // the 1 s candle closed by the last trade
  EXPECT_EQ(log->candles[0], (candle{"AAA", 1, t0, 10'000, 10'010, 9'990, 9'990, 9, 3}));
  auto minute = ask<std::vector<candle>>(md, caf::get_atom::value, atoms::candles::value, std::int64_t{60});
  ASSERT_TRUE(minute);
  ASSERT_EQ(minute->size(), 1u);
  EXPECT_EQ(minute->back().volume, 10);
  EXPECT_EQ(minute->back().high, 10'020);
  auto day = ask<daily_summary>(md, caf::get_atom::value, atoms::summary::value);
  ASSERT_TRUE(day);
  EXPECT_EQ(day->trades, 4u);
  EXPECT_EQ(day->open, 10'000);
  EXPECT_EQ(day->low, 9'990);
  EXPECT_EQ(day->last, 10'020);
  EXPECT_EQ(day->notional, 10'000 * 3 + 10'010 * 4 + 9'990 * 2 + 10'020);
}

TEST_F(market_data_test, closed_candles_go_to_the_store_while_events_flow_without_its_ack) {
  auto store = std::make_shared<held_store>();
  auto md = spawn(credit_policy{}, spawn_store(sys_, store));
  auto log = std::make_shared<received>();
  auto sub = spawn_recorder(sys_, log);
  ASSERT_TRUE(ask<l2_snapshot>(md, atoms::subscribe::value, sub));
  const timestamp_ns t0 = 28'333'333LL * 60 * second; // a whole minute
  caf::anon_send(md, atoms::update::value, update(10'000, 5, t0, 3));
  caf::anon_send(md, atoms::update::value, update(10'010, 5, t0 + second / 2, 4));
  caf::anon_send(md, atoms::update::value, update(10'020, 5, t0 + 61 * second, 1)); // closes 1 s and 1 m
  run();
  ASSERT_EQ(store->requests.size(), 1u);
  EXPECT_FALSE(store->requests[0].refusable);
  EXPECT_EQ(store->requests[0].candles,
            (std::vector<candle>{{"AAA", 1, t0, 10'000, 10'010, 10'000, 10'010, 7, 2},
                                 {"AAA", 60, t0, 10'000, 10'010, 10'000, 10'010, 7, 2}}));
  // No ack came back, yet the next trade is published and its closed candle handed on; a write
  // that fails is only logged.
  store->answer = reason_code::persistence_failed;
  caf::anon_send(md, atoms::update::value, update(10'030, 5, t0 + 62 * second, 2));
  caf::anon_send(md, atoms::update::value, update(10'040, 5, t0 + 63 * second, 1));
  run();
  EXPECT_EQ(log->trades.size(), 5u);
  EXPECT_EQ(log->candles.size(), 4u);
  ASSERT_EQ(store->requests.size(), 3u);
  EXPECT_EQ(store->requests[1].candles,
            (std::vector<candle>{{"AAA", 1, t0 + 61 * second, 10'020, 10'020, 10'020, 10'020, 1, 1}}));
  auto seconds = ask<std::vector<candle>>(md, caf::get_atom::value, atoms::candles::value, std::int64_t{1});
  ASSERT_TRUE(seconds);
  EXPECT_EQ(seconds->size(), 4u);
  store->acks.clear(); // they hold the market-data actor, which holds the store
}

TEST_F(market_data_test, a_dead_subscriber_is_removed) {
  auto md = spawn(credit_policy{});
  auto log = std::make_shared<received>();
  auto sub = spawn_recorder(sys_, log);
  ASSERT_TRUE(ask<l2_snapshot>(md, atoms::subscribe::value, sub));
  caf::anon_send_exit(sub, caf::exit_reason::kill);
  run();
  EXPECT_EQ(state_->subscribers.size(), 0u);
}

} // namespace
} // namespace bourse::testing
