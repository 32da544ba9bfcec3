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
  /// Self-excitation (a Hawkes process, e.g. Bacry, Mastromatteo, Muzy 2015, "Hawkes processes in
  /// finance"): each public trade adds this much to the arrival intensity (1/s), decaying
  /// exponentially with time constant hawkes_decay_s; 0 = plain Poisson.
  double hawkes_alpha = 0;
  double hawkes_decay_s = 60;
  double max_rate_mult = 10; ///< the intensity is capped at rate_per_s × this
  /// Reads the fields by name; throws std::invalid_argument on a bad set.
  static noise_trader_params from(param_reader& params);
};

/// Noise trader: orders arrive as a Poisson process (exponential gaps) — with hawkes_alpha > 0 a
/// self-exciting one whose intensity rises with the market's recent trades, so busy (and volatile)
/// spells cluster — side a fair coin, size uniform in [min_qty, max_qty]; a seeded
/// std::mt19937_64 makes runs reproducible. With excitation, each trade redraws the next arrival at
/// the new intensity (exact for the memoryless gap while the intensity holds).
class noise_trader_strategy final : public strategy {
public:
  explicit noise_trader_strategy(noise_trader_params params);
  void on_start(strategy_context& ctx) override;
  void on_timer(strategy_context& ctx, timestamp_ns now) override;
  void on_trade(strategy_context& ctx, const trade_print& trade) override;
  /// Arrival intensity (orders per second) at `now`: rate_per_s plus the decayed excitation, capped.
  double intensity(timestamp_ns now) const noexcept;

private:
  void schedule_next(strategy_context& ctx, timestamp_ns now);
  double excitation_at(timestamp_ns now) const noexcept;
  void cancel_stale(strategy_context& ctx, timestamp_ns now);

  struct sent_order {
    std::uint64_t client_ref;
    timestamp_ns at;
  };
  noise_trader_params params_;
  std::mt19937_64 rng_;
  std::deque<sent_order> resting_;
  double excitation_ = 0; ///< Hawkes excitation at excited_at_, 1/s
  timestamp_ns excited_at_ = 0;
  cents last_trade_price_ = 0;
};

} // namespace bourse::bots
