#pragma once

#include <memory>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/market_data/candle_series.hpp"
#include "actors/market_data/subscriber_set.hpp"
#include "actors/runtime/interfaces.hpp"
#include "persistence/persist_messages.hpp"

namespace bourse {

/// The checkpoint of a market-data actor: survives restarts of the actor (subscribers included).
struct market_data_state {
  /// `candle_history`: closed candles kept per interval.
  market_data_state(std::string symbol, credit_policy policy = {}, std::size_t candle_history = 1'000);

  std::string symbol;
  sequence md_seq = 0; ///< sequence of the last L2 delta
  std::vector<price_level_view> bids;
  std::vector<price_level_view> asks;
  daily_summary day;
  timestamp_ns day_start = 0;        ///< start of the trading day `day` describes, ns UTC
  std::vector<candle_series> series; ///< one per candle_intervals_s entry
  subscriber_set<md_subscriber> subscribers;
};

/// Start (ns UTC) of the UTC day that contains `time` (ns UTC): the daily summary's day.
timestamp_ns utc_day_start(timestamp_ns time) noexcept;

/// Books one trade (time ns UTC, price cents, quantity shares) into `st`: the day summary of the
/// trade's UTC day (a trade on a later day starts a new one) and every candle series; appends the
/// candles it closed to `closed`. The actor and market-data recovery both go through it.
void record_trade(market_data_state& st, const trade_print& t, std::vector<candle>& closed);

/// Spawns the market-data actor of `state`'s symbol: it turns book updates into an L2 delta stream
/// (sequenced), trades, an L1 ticker and OHLCV candles, and sends each event as one shared message
/// to every subscriber, conflating or dropping slow ones by credit; it monitors its subscribers.
/// With a `store`, the candles each update closed go to it in one persist_request, after the
/// update's events are published and without waiting for its ack (a failed write is logged).
market_data_actor spawn_market_data(caf::actor_system& sys, std::shared_ptr<market_data_state> state,
                                    persistence_actor store = {});

} // namespace bourse
