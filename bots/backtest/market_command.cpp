#include "bots/backtest/market_command.hpp"

#include <chrono>
#include <iomanip>

#include "bots/backtest/market_csv.hpp"
#include "bots/backtest/realism_report.hpp"

namespace bourse::bots {
namespace {

/// One line per simulated bot: position shares, P&L cents, orders sent, refused by its risk manager,
/// rejected by the book, fills, kill switch.
void print_bots(const std::vector<sim_bot_outcome>& bots, std::ostream& out) {
  out << std::left << std::setw(24) << "bot" << std::right;
  for (const char* head : {"position", "P&L cents", "orders", "refused", "rejected", "fills"})
    out << std::setw(12) << head;
  out << "  killed\n";
  for (const auto& b : bots) {
    out << std::left << std::setw(24) << b.name << std::right;
    for (const std::int64_t value :
         {b.position, b.pnl, static_cast<std::int64_t>(b.orders_sent),
          static_cast<std::int64_t>(b.orders_refused), static_cast<std::int64_t>(b.book_rejects),
          static_cast<std::int64_t>(b.fills)})
      out << std::setw(12) << value;
    out << "  " << (b.killed ? "yes" : "no") << '\n';
  }
}

} // namespace

int market_command(market_options o, std::ostream& out) {
  o.setup.duration = static_cast<timestamp_ns>(o.minutes * 60e9);
  o.setup.latency = static_cast<timestamp_ns>(o.latency_ms * 1e6);
  auto scenario = load_market_scenario(o.setup);
  const cents tick = scenario.config.rules.tick_size;
  const timestamp_ns start = scenario.config.start;
  market_simulator simulator(std::move(scenario.config), std::move(scenario.bots));
  const auto started = std::chrono::steady_clock::now();
  const auto run = simulator.run();
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;
  if (!o.trades_out.empty())
    write_trades_csv(o.trades_out, run.trades);
  if (!o.books_out.empty())
    write_books_csv(o.books_out, run.books);
  const auto facts = measure_facts(
      interval_log_returns(trade_prices(run.trades), static_cast<timestamp_ns>(o.interval_s * 1e9)));
  out << "simulation (not a node run): " << o.setup.symbol << ", " << o.minutes << " simulated minutes in "
      << std::setprecision(3) << wall.count() << " s (" << o.minutes / wall.count()
      << " simulated min per s), " << run.events << " events, " << run.trades.size()
      << " trades (last at minute "
      << (run.trades.empty() ? 0.0 : static_cast<double>(run.trades.back().time - start) / 60e9) << "), "
      << o.interval_s << " s returns\n"
      << format_realism_table(facts, daily_close_facts(o.reference), measure_books(run.books, tick));
  print_bots(run.bots, out);
  return 0;
}

} // namespace bourse::bots
