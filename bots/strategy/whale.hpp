#pragma once

#include <random>

#include "bots/strategy/strategy.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// Whale parameters: quantities in shares, times in seconds.
struct whale_params {
  quantity parent_qty = 10'000; ///< size of each parent order
  std::size_t slices = 20;      ///< TWAP: children per parent; iceberg: displayed = parent / slices
  double interval_s = 60;       ///< time between children (TWAP) or between iceberg checks
  bool iceberg = false;         ///< false = TWAP with marketable IOC children, true = one resting iceberg
  double sweep_prob = 0.05;     ///< chance per child to sweep instead: market order of sweep_mult slices
  double sweep_mult = 5;
  double pause_s = 600; ///< rest between parents
  std::uint64_t seed = 1;
  /// Reads the fields by name; throws std::invalid_argument on a bad set.
  static whale_params from(param_reader& params);
};

/// Whale: works large parent orders (side by seeded coin flip) in slices — TWAP children sent as
/// IOC limits at the opposite best, or one iceberg limit at the same-side best showing one slice —
/// and now and then sweeps the book with a market order. A parent ends (then the pause) when it is
/// filled, or when a child is refused for the bot's position limit: a full whale turns around
/// instead of retrying the same side forever.
class whale_strategy final : public strategy {
public:
  explicit whale_strategy(whale_params params);
  void on_start(strategy_context& ctx) override;
  void on_timer(strategy_context& ctx, timestamp_ns now) override;
  void on_fill(strategy_context& ctx, const fill_report& fill) override;
  /// Shares of the current parent still to trade (0 when resting between parents).
  quantity parent_remaining() const noexcept { return remaining_; }
  side parent_side() const noexcept { return side_; }

private:
  void start_parent();
  /// The child sent (or nothing sent: a default ticket); ends the parent on a position-limit refusal.
  order_ticket work_twap(strategy_context& ctx, quantity slice);
  order_ticket work_iceberg(strategy_context& ctx, quantity slice);
  void check_child(strategy_context& ctx, const order_ticket& child, timestamp_ns now);
  void finish_parent(strategy_context& ctx, timestamp_ns now);

  whale_params params_;
  std::mt19937_64 rng_;
  side side_ = side::buy;
  quantity remaining_ = 0;
  std::uint64_t iceberg_ref_ = 0;
};

} // namespace bourse::bots
