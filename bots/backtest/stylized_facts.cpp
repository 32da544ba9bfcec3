#include "bots/backtest/stylized_facts.hpp"

#include <cmath>
#include <numeric>

namespace bourse::bots {
namespace {

double mean(std::span<const double> x) {
  return x.empty() ? 0.0 : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

} // namespace

std::vector<double> interval_log_returns(std::span<const price_point> trades, timestamp_ns interval) {
  std::vector<double> out;
  if (trades.empty() || interval <= 0)
    return out;
  const timestamp_ns start = trades.front().time;
  std::size_t next = 0;
  cents last = 0;
  cents previous = 0;
  for (timestamp_ns grid = start; next < trades.size(); grid += interval) {
    while (next < trades.size() && trades[next].time <= grid)
      last = trades[next++].price;
    if (previous > 0 && last > 0)
      out.push_back(std::log(static_cast<double>(last) / static_cast<double>(previous)));
    previous = last;
  }
  return out;
}

std::vector<double> log_returns(std::span<const price_point> prices) {
  std::vector<double> out;
  for (std::size_t i = 1; i < prices.size(); ++i)
    if (prices[i - 1].price > 0 && prices[i].price > 0)
      out.push_back(
          std::log(static_cast<double>(prices[i].price) / static_cast<double>(prices[i - 1].price)));
  return out;
}

double excess_kurtosis(std::span<const double> x) {
  if (x.size() < 4)
    return 0.0;
  const double m = mean(x);
  double m2 = 0, m4 = 0;
  for (const double v : x) {
    const double d = (v - m) * (v - m);
    m2 += d;
    m4 += d * d;
  }
  m2 /= static_cast<double>(x.size());
  m4 /= static_cast<double>(x.size());
  return m2 == 0.0 ? 0.0 : m4 / (m2 * m2) - 3.0;
}

double autocorrelation(std::span<const double> x, std::size_t lag) {
  if (lag >= x.size())
    return 0.0;
  const double m = mean(x);
  double den = 0, num = 0;
  for (std::size_t t = 0; t < x.size(); ++t) {
    den += (x[t] - m) * (x[t] - m);
    if (t + lag < x.size())
      num += (x[t] - m) * (x[t + lag] - m);
  }
  return den == 0.0 ? 0.0 : num / den;
}

stylized_facts measure_facts(std::span<const double> returns) {
  stylized_facts f;
  f.returns = returns.size();
  f.excess_kurtosis = excess_kurtosis(returns);
  f.return_ac1 = autocorrelation(returns, 1);
  std::vector<double> magnitude(returns.size());
  for (std::size_t i = 0; i < returns.size(); ++i)
    magnitude[i] = std::abs(returns[i]);
  for (std::size_t i = 0; i < abs_return_lags.size(); ++i)
    f.abs_return_ac[i] = autocorrelation(magnitude, abs_return_lags[i]);
  return f;
}

book_facts measure_books(std::span<const book_sample> samples, cents tick) {
  book_facts f;
  f.samples = samples.size();
  double spread_sum = 0, depth_sum = 0;
  std::size_t tight = 0;
  for (const auto& s : samples) {
    depth_sum += static_cast<double>(s.depth);
    if (s.bid <= 0 || s.ask <= 0)
      continue;
    ++f.two_sided;
    const double ticks = static_cast<double>(s.ask - s.bid) / static_cast<double>(tick);
    spread_sum += ticks;
    tight += ticks < 10 ? 1 : 0;
  }
  if (f.two_sided > 0) {
    f.mean_spread_ticks = spread_sum / static_cast<double>(f.two_sided);
    f.share_spread_under_10_ticks = static_cast<double>(tight) / static_cast<double>(f.two_sided);
  }
  if (f.samples > 0)
    f.mean_depth = depth_sum / static_cast<double>(f.samples);
  return f;
}

} // namespace bourse::bots
