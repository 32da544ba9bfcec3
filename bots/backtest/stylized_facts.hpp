#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "bots/data/price_path.hpp"

namespace bourse::bots {

/// Log returns of a traded price sampled every `interval` ns: the last trade price at or before each
/// grid time (first trade time + k·interval, carried forward through quiet intervals), then
/// ln(p[k] / p[k-1]). `trades` in time order, prices cents; empty below two grid points.
std::vector<double> interval_log_returns(std::span<const price_point> trades, timestamp_ns interval);

/// ln(p[k] / p[k-1]) of consecutive prices (e.g. daily closes).
std::vector<double> log_returns(std::span<const price_point> prices);

/// Excess kurtosis m4 / m2² - 3 (population moments); 0 for fewer than 4 values or zero variance.
/// Normal data give ≈ 0, fat tails > 0 (Cont 2001, "Empirical properties of asset returns").
double excess_kurtosis(std::span<const double> x);

/// Sample autocorrelation at `lag`: Σ (x_t - m)(x_{t+lag} - m) / Σ (x_t - m)² (Box–Jenkins estimator);
/// 0 when lag >= size or the variance is zero.
double autocorrelation(std::span<const double> x, std::size_t lag);

/// The lags at which |r| autocorrelation is reported.
inline constexpr std::array<std::size_t, 4> abs_return_lags{1, 5, 10, 20};

/// Cont's stylized facts of one return series.
struct stylized_facts {
  std::size_t returns = 0;
  double excess_kurtosis = 0;            ///< fat tails: > 0 (real daily equity ≈ 5-10)
  double return_ac1 = 0;                 ///< linear predictability: ≈ 0
  std::array<double, 4> abs_return_ac{}; ///< volatility clustering at abs_return_lags: > 0
};

/// Measures the facts of `returns`.
stylized_facts measure_facts(std::span<const double> returns);

/// One top-of-book sample: prices cents (0 = side empty), depth shares on the sampled levels.
struct book_sample {
  timestamp_ns time = 0;
  cents bid = 0;
  cents ask = 0;
  quantity depth = 0;
};

/// Liquidity over book samples; spreads only from two-sided samples.
struct book_facts {
  std::size_t samples = 0;
  std::size_t two_sided = 0;
  double mean_spread_ticks = 0;
  double share_spread_under_10_ticks = 0; ///< of two-sided samples, spread < 10 ticks
  double mean_depth = 0;                  ///< shares, over all samples
};

/// Measures spread (in ticks of `tick` cents) and depth over `samples`.
book_facts measure_books(std::span<const book_sample> samples, cents tick);

} // namespace bourse::bots
