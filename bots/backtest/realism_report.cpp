#include "bots/backtest/realism_report.hpp"

#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "bots/data/ohlcv_loader.hpp"

namespace bourse::bots {

std::string format_realism_table(const stylized_facts& simulated, const stylized_facts& real,
                                 const std::optional<book_facts>& books) {
  std::ostringstream out;
  out << std::fixed;
  const auto head = [&](const std::string& name) { out << std::left << std::setw(32) << name << std::right; };
  const auto row = [&](const std::string& name, double sim, double ref, const char* target) {
    head(name);
    out << std::setprecision(3) << std::setw(12) << sim << std::setw(16) << ref << "  " << target << '\n';
  };
  head("fact");
  out << std::setw(12) << "simulated" << std::setw(16) << "S&P 500 daily"
      << "  target\n";
  head("returns");
  out << std::setw(12) << simulated.returns << std::setw(16) << real.returns << '\n';
  row("excess kurtosis", simulated.excess_kurtosis, real.excess_kurtosis, "> 3");
  row("autocorrelation r, lag 1", simulated.return_ac1, real.return_ac1, "~ 0");
  for (std::size_t i = 0; i < abs_return_lags.size(); ++i)
    row("autocorrelation |r|, lag " + std::to_string(abs_return_lags[i]), simulated.abs_return_ac[i],
        real.abs_return_ac[i], abs_return_lags[i] == 10 ? "> 0.1" : "> 0");
  if (books) {
    head("book samples (two-sided)");
    out << std::setw(12) << books->samples << " (" << books->two_sided << ")\n";
    head("mean spread, ticks");
    out << std::setprecision(2) << std::setw(12) << books->mean_spread_ticks << std::setw(16) << "-"
        << "  < 10\n";
    head("share of spreads < 10 ticks");
    out << std::setprecision(3) << std::setw(12) << books->share_spread_under_10_ticks << std::setw(16) << "-"
        << "  most of the time\n";
    head("mean depth (5+5 levels), shares");
    out << std::setprecision(1) << std::setw(12) << books->mean_depth << std::setw(16) << "-" << '\n';
  }
  return out.str();
}

stylized_facts daily_close_facts(const std::string& path) {
  const auto reference = load_ohlcv_csv(path);
  if (!reference.ok())
    throw std::invalid_argument(path + ": " + reference.errors.front().detail);
  std::vector<price_point> closes;
  for (const auto& b : reference.bars)
    closes.push_back({b.time, b.close});
  return measure_facts(log_returns(closes));
}

} // namespace bourse::bots
