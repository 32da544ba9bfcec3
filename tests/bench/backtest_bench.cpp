#include <benchmark/benchmark.h>

#include <random>

#include "bots/backtest/simulator.hpp"
#include "bots/strategy/strategy_factory.hpp"

namespace {

using namespace bourse;
using namespace bourse::bots;

constexpr timestamp_ns minute = 60'000'000'000;

/// A seeded random walk of `n` one-minute bars (prices in cents around $1,000).
std::vector<bar> random_walk(std::size_t n) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> step(0.0, 120.0);
  std::vector<bar> bars;
  bars.reserve(n);
  cents close = 100'000;
  for (std::size_t i = 0; i < n; ++i) {
    const cents open = close;
    close = std::max<cents>(10'000, open + static_cast<cents>(step(rng)));
    const cents wiggle = static_cast<cents>(std::abs(step(rng)));
    bars.push_back({static_cast<timestamp_ns>(i) * minute, open, std::max(open, close) + wiggle,
                    std::max<cents>(100, std::min(open, close) - wiggle), close, 1'000});
  }
  return bars;
}

const std::vector<bar>& bars() {
  static const auto data = random_walk(1'000'000);
  return data;
}

/// One backtest of `name` over 1M bars per iteration; items = bars, so items/s = bar events/s.
void run(benchmark::State& state, const char* name, const param_map& params, bool lazy) {
  backtest_config config;
  config.lazy_replay = lazy;
  config.bar_interval = minute;
  config.periods_per_year = 252 * 390;
  bar_simulator sim(config);
  std::size_t fills = 0;
  for (auto _ : state) {
    const auto strat = make_strategy(name, params);
    const auto result = sim.run(bars(), *strat);
    fills = result.fills;
    benchmark::DoNotOptimize(result.equity.back().equity);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * bars().size()));
  state.counters["fills_per_run"] = static_cast<double>(fills);
}

void BM_momentum_lazy_replay(benchmark::State& state) {
  run(state, "momentum", {}, true);
}
void BM_momentum_every_point_through_book(benchmark::State& state) {
  run(state, "momentum", {}, false);
}
void BM_market_maker_every_point_through_book(benchmark::State& state) {
  run(state, "market_maker",
      {{"gamma", 0.001}, {"k", 0.05}, {"refresh_s", 21'600}, {"qty", 10}, {"max_inventory", 50}}, true);
}

BENCHMARK(BM_momentum_lazy_replay)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_momentum_every_point_through_book)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_market_maker_every_point_through_book)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
