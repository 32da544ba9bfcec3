#pragma once

#include <memory>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/market_data/candle_series.hpp"
#include "actors/market_data/subscriber_set.hpp"
#include "actors/runtime/interfaces.hpp"

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

/// Spawns the market-data actor of `state`'s symbol: it turns book updates into an L2 delta stream
/// (sequenced), trades, an L1 ticker and OHLCV candles, and sends each event as one shared message
/// to every subscriber, conflating or dropping slow ones by credit; it monitors its subscribers.
market_data_actor spawn_market_data(caf::actor_system& sys, std::shared_ptr<market_data_state> state);

} // namespace bourse
