#pragma once

#include "bots/strategy/strategy.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// Avellaneda–Stoikov market-maker parameters. Prices are in cents, so gamma and k are per cent,
/// sigma is cents per sqrt(second), times are seconds.
struct market_maker_params {
  double gamma = 0.01;            ///< risk aversion (1/cents)
  double k = 0.5;                 ///< order-arrival intensity decay (1/cents)
  double sigma = 0.0;             ///< mid volatility, cents/sqrt(s); 0 = estimate from the mid (EWMA)
  double horizon_s = 3600;        ///< T: rolling horizon; T - t restarts every horizon
  double refresh_s = 1;           ///< requote interval
  std::size_t levels = 1;         ///< quotes per side
  cents level_spacing = 1;        ///< ticks between levels
  quantity qty = 100;             ///< shares per level when flat
  quantity max_inventory = 1'000; ///< at |q| >= this, no quotes on the side that adds to q
  double anchor_weight = 0;       ///< in [0, 1]: share of the gap mid → fundamental the quotes move
  /// Reads the fields by name; throws std::invalid_argument on non-positive gamma/k/horizon/refresh.
  static market_maker_params from(param_reader& params);
};

/// Bid and ask (cents, on tick) of the innermost level; bid < ask.
struct quote_pair {
  cents bid = 0;
  cents ask = 0;
};

/// Avellaneda & Stoikov (2008), "High-frequency trading in a limit order book", Quant. Finance 8(3):
/// reservation price r = s - q·gamma·sigma²·(T-t), optimal spread gamma·sigma²·(T-t) +
/// (2/gamma)·ln(1+gamma/k). `mid` cents, `inventory` shares, `sigma` cents/sqrt(s), `time_left_s` seconds;
/// rounded outward to `tick` cents.
quote_pair avellaneda_stoikov_quotes(const market_maker_params& p, double mid, quantity inventory,
                                     double sigma, double time_left_s, cents tick);

/// Market maker: every refresh, cancels its quotes and posts `levels` per side around the
/// Avellaneda–Stoikov reservation price; sizes shrink linearly with inventory on the side that adds
/// to it (inventory skew). The mid it quotes around is strategy_context::quote_anchor() (the
/// fundamental when the book is empty or one-sided) moved `anchor_weight` of the way to the
/// fundamental, so an informed maker pulls the book toward the real price path.
class market_maker_strategy final : public strategy {
public:
  explicit market_maker_strategy(market_maker_params params);
  void on_start(strategy_context& ctx) override;
  void on_timer(strategy_context& ctx, timestamp_ns now) override;
  /// Current volatility estimate, cents/sqrt(s).
  double sigma() const noexcept;

private:
  void update_sigma(cents mid, timestamp_ns now);

  market_maker_params params_;
  timestamp_ns start_ = 0;
  timestamp_ns last_time_ = 0;
  cents last_mid_ = 0;
  double variance_per_s_ = 0.0;
};

} // namespace bourse::bots
