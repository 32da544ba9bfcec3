#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <boost/json/serialize.hpp>

#include "bots/backtest/market_command.hpp"
#include "bots/backtest/realism_report.hpp"
#include "bots/backtest/realism_sources.hpp"
#include "bots/backtest/recorded_bars.hpp"
#include "bots/backtest/report_format.hpp"
#include "bots/backtest/result_store.hpp"
#include "bots/backtest/simulator.hpp"
#include "bots/backtest/sweep.hpp"
#include "bots/data/ohlcv_loader.hpp"
#include "bots/strategy/strategy_factory.hpp"

namespace {

using namespace bourse;
using namespace bourse::bots;

/// Options shared by `run` and `sweep`.
struct common_options {
  std::string data;
  std::string database;
  recorded_query recorded;
  std::string interval = "1m";
  std::string source = "auto";
  std::string strategy = "momentum";
  backtest_config config;
  double cooldown_days = 5;
  double periods_per_year = 0;
  std::string store;
  std::int64_t user = 0;
};

void add_common(CLI::App& cmd, common_options& o) {
  auto* input = cmd.add_option_group("bars");
  input->add_option("--data", o.data, "OHLCV CSV file (date,open,high,low,close,volume)");
  input->add_option("--database", o.database, "libpq URL of a node's PostgreSQL (candles or executions)");
  input->require_option(1);
  cmd.add_option("--symbol", o.recorded.symbol, "symbol to read from the database");
  cmd.add_option("--interval", o.interval, "database bars: interval (30s, 1m, 1h, 1d)");
  cmd.add_option("--from", o.recorded.from, "database bars: first bar open time, ns UTC");
  cmd.add_option("--to", o.recorded.to, "database bars: last bar open time, ns UTC");
  cmd.add_option("--source", o.source, "database bars: candles, trades (executions) or auto")
      ->check(CLI::IsMember({"auto", "candles", "trades"}));
  cmd.add_option("--store", o.store, "libpq URL to store reports in backtest_results (default: --database)");
  cmd.add_option("--user", o.user, "users.id that owns stored reports (default: none)");
  cmd.add_option("--periods-per-year", o.periods_per_year,
                 "bars per year for Sharpe/Sortino (default: 252 for CSV, continuous time for database)");
  cmd.add_option("--strategy", o.strategy, "market_maker|value|momentum|mean_reversion|noise|whale");
  cmd.add_option("--cash", o.config.starting_cash, "starting cash, cents");
  cmd.add_option("--taker-fee-bps", o.config.taker_fee_bps, "fee on taking fills, basis points");
  cmd.add_option("--maker-fee-bps", o.config.maker_fee_bps, "fee on resting fills, basis points");
  cmd.add_option("--latency", o.config.latency_events, "orders become active this many price points later");
  cmd.add_option("--half-spread", o.config.half_spread_ticks, "replay quotes: ticks either side of the path");
  cmd.add_option("--max-position", o.config.risk.max_position, "risk: max |position|, shares (0 = off)");
  cmd.add_option("--max-order", o.config.risk.max_order_qty, "risk: max order size, shares (0 = off)");
  cmd.add_option("--max-loss", o.config.risk.max_loss, "risk: kill switch loss, cents (0 = off)");
  cmd.add_option("--max-losing-streak", o.config.risk.max_losing_streak,
                 "risk: losing trades before cooldown");
  cmd.add_option("--cooldown-days", o.cooldown_days, "risk: cooldown length, days");
  cmd.add_option("--max-spread", o.config.risk.max_spread_for_market,
                 "risk: max spread for market orders, cents");
}

std::vector<bar> load_csv(const common_options& o) {
  auto loaded = load_ohlcv_csv(o.data);
  for (const auto& error : loaded.errors)
    std::cerr << o.data << ":" << error.row << ": " << error.detail << '\n';
  if (loaded.bars.empty())
    throw std::runtime_error("no bars loaded from " + o.data);
  return std::move(loaded.bars);
}

/// Bars from the database: sets the bar interval and, unless given, continuous-time periods per year.
std::vector<bar> load_recorded(common_options& o) {
  if (o.recorded.symbol.empty())
    throw std::invalid_argument("--database needs --symbol");
  o.recorded.interval_s = parse_interval_s(o.interval);
  o.recorded.source = o.source == "candles"  ? recorded_source::candles
                      : o.source == "trades" ? recorded_source::trades
                                             : recorded_source::automatic;
  auto loaded = read_recorded_bars(o.database, o.recorded);
  o.source = source_name(loaded.source);
  if (loaded.bars.empty())
    throw std::runtime_error("no " + o.source + " of " + o.recorded.symbol + " in the database range");
  o.config.bar_interval = o.recorded.interval_s * 1'000'000'000;
  o.config.periods_per_year = 365.25 * 86'400 / static_cast<double>(o.recorded.interval_s);
  return std::move(loaded.bars);
}

/// The bars of `--data` or `--database`; also applies `--periods-per-year`.
std::vector<bar> load_bars(common_options& o) {
  auto bars = o.database.empty() ? load_csv(o) : load_recorded(o);
  if (o.periods_per_year > 0)
    o.config.periods_per_year = o.periods_per_year;
  return bars;
}

std::shared_ptr<const price_path> fundamental_of(const std::vector<bar>& bars,
                                                 const backtest_config& config) {
  return std::make_shared<const price_path>(price_path::from_closes(bars, config.bar_interval / 4 * 3));
}

/// The report as JSON with what was run on which data.
boost::json::object report_json(const common_options& o, const backtest_report& report, std::size_t bars) {
  auto json = to_json(report);
  json["strategy"] = o.strategy;
  json["bars"] = bars;
  json["data"] = o.database.empty() ? o.data : o.source;
  return json;
}

backtest_record make_record(const common_options& o, const std::vector<bar>& bars, param_map params,
                            const backtest_report& report) {
  backtest_record r;
  if (o.user != 0)
    r.user_id = o.user;
  r.strategy = o.strategy;
  r.parameters = std::move(params);
  r.symbol = o.recorded.symbol.empty() ? std::filesystem::path(o.data).stem().string() : o.recorded.symbol;
  r.from = bars.front().time;
  r.to = bars.back().time;
  r.report = report;
  r.metrics = report_json(o, report, bars.size());
  r.created = std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
  return r;
}

/// Stores `records` in --store, else --database; nothing without either.
void store_reports(const common_options& o, const std::vector<backtest_record>& records) {
  const auto& url = o.store.empty() ? o.database : o.store;
  if (url.empty() || records.empty())
    return;
  const auto ids = store_backtests(url, records);
  std::cerr << "stored " << ids.size() << " report(s) in backtest_results, ids " << ids.front() << ".."
            << ids.back() << '\n';
}

int run_command(common_options& o, const std::vector<std::string>& params, const std::string& json_path,
                const std::string& svg_path) {
  o.config.risk.cooldown_ns = static_cast<timestamp_ns>(o.cooldown_days * static_cast<double>(ns_per_day));
  const auto bars = load_bars(o);
  param_map map;
  for (const auto& text : params)
    map.insert(parse_param(text));
  const auto strat = make_strategy(o.strategy, map, fundamental_of(bars, o.config));
  bar_simulator simulator(o.config);
  const auto result = simulator.run(bars, *strat);
  const auto report = compute_report(result, o.config.periods_per_year);
  const auto json = report_json(o, report, bars.size());
  std::cout << to_table(report) << boost::json::serialize(json) << '\n';
  if (!json_path.empty())
    std::ofstream(json_path) << boost::json::serialize(json) << '\n';
  if (!svg_path.empty())
    std::ofstream(svg_path) << equity_svg(
        result.equity, o.strategy + " on " + (o.database.empty() ? o.data : o.recorded.symbol));
  store_reports(o, {make_record(o, bars, map, report)});
  return 0;
}

int sweep_command(common_options& o, const std::vector<std::string>& axes_text, std::size_t threads) {
  o.config.risk.cooldown_ns = static_cast<timestamp_ns>(o.cooldown_days * static_cast<double>(ns_per_day));
  const auto bars = load_bars(o);
  std::vector<sweep_axis> axes;
  for (const auto& text : axes_text)
    axes.push_back(parse_sweep_axis(text));
  const auto grid = expand_grid(axes);
  auto rows = run_sweep(bars, o.strategy, grid, o.config, threads, fundamental_of(bars, o.config));
  std::stable_sort(rows.begin(), rows.end(), [](const sweep_row& a, const sweep_row& b) {
    return a.error.empty() && (!b.error.empty() || a.report.sharpe > b.report.sharpe);
  });
  boost::json::array out;
  std::vector<backtest_record> records;
  for (const auto& row : rows) {
    boost::json::object params;
    for (const auto& [name, value] : row.params)
      params[name] = value;
    boost::json::object entry{{"params", params}};
    if (row.error.empty()) {
      entry["report"] = to_json(row.report);
      records.push_back(make_record(o, bars, row.params, row.report));
    } else {
      entry["error"] = row.error;
    }
    out.push_back(std::move(entry));
  }
  std::cout << boost::json::serialize(out) << '\n';
  store_reports(o, records);
  return 0;
}

struct realism_options {
  std::string trades_csv;
  std::string database;
  std::string symbol = "SPX";
  std::string books_csv;
  cents tick = 1;
  double interval_s = 60;
  std::string reference = "node_modules/vega-datasets/data/sp500-2000.csv";
};

int realism_command(const realism_options& o) {
  const auto trades =
      o.database.empty() ? read_trades_csv(o.trades_csv) : read_executions(o.database, o.symbol);
  const auto simulated =
      measure_facts(interval_log_returns(trades, static_cast<timestamp_ns>(o.interval_s * 1e9)));
  std::optional<book_facts> books;
  if (!o.books_csv.empty())
    books = measure_books(read_books_csv(o.books_csv), o.tick);
  std::cout << trades.size() << " trades, " << o.interval_s << " s returns\n"
            << format_realism_table(simulated, daily_close_facts(o.reference), books);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"bourse-backtest: event-driven backtests of Bourse bot strategies over OHLCV bars"};
  app.require_subcommand(1);

  common_options run_opts;
  std::vector<std::string> run_params;
  std::string json_path, svg_path;
  auto* run = app.add_subcommand("run", "backtest one strategy and print the report (table + JSON)");
  add_common(*run, run_opts);
  run->add_option("--param", run_params, "strategy parameter name=value (repeatable)");
  run->add_option("--json", json_path, "also write the JSON report to this file");
  run->add_option("--svg", svg_path, "write the equity curve as SVG to this file");

  common_options sweep_opts;
  std::vector<std::string> sweep_axes;
  std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
  auto* sweep = app.add_subcommand(
      "sweep", "backtest every point of a parameter grid in parallel (JSON, best Sharpe first)");
  add_common(*sweep, sweep_opts);
  sweep->add_option("--param", sweep_axes, "grid axis name=v1,v2,... (repeatable)");
  sweep->add_option("--threads", threads, "worker threads");

  realism_options realism_opts;
  auto* realism = app.add_subcommand(
      "realism", "stylized facts of a node's traded price beside the real S&P 500 daily series");
  auto* source = realism->add_option_group("trades");
  source->add_option("--trades", realism_opts.trades_csv, "trades CSV: time_ns,price,qty")
      ->check(CLI::ExistingFile);
  source->add_option("--database", realism_opts.database, "libpq URL of the node's PostgreSQL (executions)");
  source->require_option(1);
  realism->add_option("--symbol", realism_opts.symbol, "symbol to read from the database");
  realism->add_option("--books", realism_opts.books_csv, "book samples CSV: time_ns,bid,ask,depth")
      ->check(CLI::ExistingFile);
  realism->add_option("--tick", realism_opts.tick, "tick size, cents (spread in ticks)");
  realism->add_option("--interval-s", realism_opts.interval_s, "return interval, seconds")
      ->check(CLI::PositiveNumber);
  realism->add_option("--reference", realism_opts.reference, "real daily OHLCV series to compare with")
      ->check(CLI::ExistingFile);

  market_options market_opts;
  auto* market = app.add_subcommand(
      "market", "simulate the fleet's bots on one symbol against one order book in simulated time, and "
                "print the realism table (docs/market-realism.md)");
  market->add_option("--market", market_opts.setup.market_file, "market file (instruments, game clock)")
      ->check(CLI::ExistingFile);
  market->add_option("--root", market_opts.setup.root, "directory holding node_modules/ (series paths)");
  market->add_option("--fleet", market_opts.setup.fleet_file, "fleet file (bots/fleet.toml format)")
      ->check(CLI::ExistingFile);
  market->add_option("--symbol", market_opts.setup.symbol, "symbol whose bots are simulated");
  market->add_option("--minutes", market_opts.minutes, "simulated minutes")->check(CLI::PositiveNumber);
  market->add_option("--latency-ms", market_opts.latency_ms, "bot to book and book to bot latency, ms")
      ->check(CLI::NonNegativeNumber);
  market->add_option("--seed", market_opts.setup.seed, "1 = the fleet's seeds; others shift every bot's seed")
      ->check(CLI::PositiveNumber);
  market->add_option("--trades-out", market_opts.trades_out, "write trades CSV time_ns,price,qty");
  market->add_option("--books-out", market_opts.books_out,
                     "write book samples CSV time_ns,bid,ask,depth (1/s)");
  market->add_option("--interval-s", market_opts.interval_s, "return interval, seconds")
      ->check(CLI::PositiveNumber);
  market->add_option("--reference", market_opts.reference, "real daily OHLCV series to compare with")
      ->check(CLI::ExistingFile);

  CLI11_PARSE(app, argc, argv);
  try {
    if (run->parsed())
      return run_command(run_opts, run_params, json_path, svg_path);
    if (realism->parsed())
      return realism_command(realism_opts);
    if (market->parsed())
      return market_command(market_opts, std::cout);
    return sweep_command(sweep_opts, sweep_axes, threads);
  } catch (const std::exception& e) {
    std::cerr << "bourse-backtest: " << e.what() << '\n';
    return 2;
  }
}
