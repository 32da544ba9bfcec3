#pragma once

#include <deque>
#include <random>

#include "bots/strategy/strategy.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// Noise-trader parameters: arrival rate per second, sizes in shares, offsets in ticks.
struct noise_trader_params {
  double rate_per_s = 0.2; ///< Poisson arrival intensity (orders per second)
  quantity min_qty = 1;
  quantity max_qty = 100;
  double market_prob = 0.3;   ///< share of arrivals sent as market orders; the rest are limits
  cents max_offset_ticks = 5; ///< limit price = mid ± uniform [0, max] ticks (passive side)
  double lifetime_s = 30;     ///< resting limit orders older than this are cancelled
  std::uint64_t seed = 1;     ///< RNG seed: equal seeds give equal order streams
  /// Reads the fields by name; throws std::invalid_argument on a bad set.
  static noise_trader_params from(param_reader& params);
};

/// Noise trader: orders arrive as a Poisson process (exponential gaps), side a fair coin, size uniform
/// in [min_qty, max_qty]; a seeded std::mt19937_64 makes runs reproducible.
class noise_trader_strategy final : public strategy {
public:
  explicit noise_trader_strategy(noise_trader_params params);
  void on_start(strategy_context& ctx) override;
  void on_timer(strategy_context& ctx, timestamp_ns now) override;

private:
  void schedule_next(strategy_context& ctx, timestamp_ns now);
  void cancel_stale(strategy_context& ctx, timestamp_ns now);

  struct sent_order {
    std::uint64_t client_ref;
    timestamp_ns at;
  };
  noise_trader_params params_;
  std::mt19937_64 rng_;
  std::deque<sent_order> resting_;
};

} // namespace bourse::bots
