#include "bots/backtest/report_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace bourse::bots {
namespace {

boost::json::value finite_or_null(double x) {
  return std::isfinite(x) ? boost::json::value(x) : boost::json::value(nullptr);
}

std::string format(const char* pattern, double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, x);
  return buffer;
}

std::string dollars(cents amount) {
  return format("%.2f", static_cast<double>(amount) / 100.0);
}

std::string escape_xml(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

} // namespace

boost::json::object to_json(const backtest_report& r) {
  return {
      {"starting_equity_cents", r.starting_equity},
      {"final_equity_cents", r.final_equity},
      {"total_return", finite_or_null(r.total_return)},
      {"cagr", finite_or_null(r.cagr)},
      {"sharpe", finite_or_null(r.sharpe)},
      {"sortino", finite_or_null(r.sortino)},
      {"max_drawdown", finite_or_null(r.max_drawdown)},
      {"max_drawdown_cents", r.max_drawdown_cents},
      {"max_drawdown_bars", r.max_drawdown_bars},
      {"max_drawdown_duration_days", static_cast<double>(r.max_drawdown_duration_ns) / 86'400e9},
      {"trade_count", r.trade_count},
      {"win_rate", finite_or_null(r.win_rate)},
      {"profit_factor", finite_or_null(r.profit_factor)},
      {"expectancy_cents", finite_or_null(r.expectancy)},
      {"exposure", finite_or_null(r.exposure)},
      {"orders_sent", r.orders_sent},
      {"orders_refused", r.orders_refused},
      {"fills", r.fills},
      {"fees_paid_cents", r.fees_paid},
      {"killed", r.killed},
  };
}

std::string to_table(const backtest_report& r) {
  const std::pair<std::string, std::string> rows[] = {
      {"starting equity $", dollars(r.starting_equity)},
      {"final equity $", dollars(r.final_equity)},
      {"total return", format("%.2f %%", r.total_return * 100)},
      {"CAGR", format("%.2f %%", r.cagr * 100)},
      {"Sharpe", format("%.3f", r.sharpe)},
      {"Sortino", format("%.3f", r.sortino)},
      {"max drawdown", format("%.2f %%", r.max_drawdown * 100)},
      {"max drawdown duration",
       format("%.0f days", static_cast<double>(r.max_drawdown_duration_ns) / 86'400e9) + " (" +
           std::to_string(r.max_drawdown_bars) + " bars)"},
      {"trades (closing fills)", std::to_string(r.trade_count)},
      {"win rate", format("%.2f %%", r.win_rate * 100)},
      {"profit factor", std::isfinite(r.profit_factor) ? format("%.3f", r.profit_factor) : "inf"},
      {"expectancy $", format("%.2f", r.expectancy / 100)},
      {"exposure", format("%.2f %%", r.exposure * 100)},
      {"orders sent / refused", std::to_string(r.orders_sent) + " / " + std::to_string(r.orders_refused)},
      {"fills", std::to_string(r.fills)},
      {"fees $", dollars(r.fees_paid)},
      {"kill switch", r.killed ? "tripped" : "no"},
  };
  std::ostringstream out;
  for (const auto& [name, value] : rows) {
    out << name;
    for (std::size_t i = name.size(); i < 24; ++i)
      out << ' ';
    out << value << '\n';
  }
  return out.str();
}

std::string equity_svg(const std::vector<equity_point>& equity, std::string_view title, int width,
                       int height) {
  constexpr int margin = 60;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height << "\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << margin << "\" y=\"20\" font-family=\"sans-serif\" font-size=\"14\">"
      << escape_xml(title) << "</text>\n";
  if (equity.size() >= 2) {
    const auto [lo, hi] =
        std::minmax_element(equity.begin(), equity.end(),
                            [](const equity_point& a, const equity_point& b) { return a.equity < b.equity; });
    const double low = static_cast<double>(lo->equity);
    const double span = std::max(1.0, static_cast<double>(hi->equity) - low);
    const double t0 = static_cast<double>(equity.front().time);
    const double t_span = std::max(1.0, static_cast<double>(equity.back().time) - t0);
    const double plot_w = width - 2 * margin;
    const double plot_h = height - 2 * margin;
    svg << "<polyline fill=\"none\" stroke=\"steelblue\" stroke-width=\"1\" points=\"";
    for (const auto& point : equity)
      svg << format("%.1f", margin + (static_cast<double>(point.time) - t0) / t_span * plot_w) << ','
          << format("%.1f", height - margin - (static_cast<double>(point.equity) - low) / span * plot_h)
          << ' ';
    svg << "\"/>\n";
    svg << "<text x=\"5\" y=\"" << margin << "\" font-family=\"sans-serif\" font-size=\"11\">$"
        << dollars(hi->equity) << "</text>\n<text x=\"5\" y=\"" << height - margin
        << "\" font-family=\"sans-serif\" font-size=\"11\">$" << dollars(lo->equity) << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

} // namespace bourse::bots
