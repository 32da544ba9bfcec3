#include "actors/book/order_book.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "tests/support/book_command_gen.hpp"
#include "tests/support/live_orders.hpp"
#include "tests/support/reference_book.hpp"

/// The three order book workloads of issue 2, for the fast book and the reference book.
/// Run: build/<dir>/tests/bench/order_book_bench (Release); see docs/performance.md.
namespace bourse::testing {
namespace {

constexpr std::size_t stream_length = 1 << 20;

instrument bench_instrument(cents reference) {
  instrument rules;
  rules.symbol = "BENCH";
  rules.reference_price = reference;
  rules.max_quantity = 1'000'000;
  return rules;
}

book_command submit(account_id owner, side s, cents price, quantity qty, time_in_force tif) {
  book_command c;
  c.request.owner = owner;
  c.request.order_side = s;
  c.request.price = price;
  c.request.qty = qty;
  c.request.tif = tif;
  return c;
}

/// Workload 1: alternating buys (1880-1889) and sells (1884-1893), quantity 100-1000.
const std::vector<book_command>& insert_stream() {
  static const auto stream = [] {
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<cents> offset(0, 9);
    std::uniform_int_distribution<quantity> qty(100, 1'000);
    std::uniform_int_distribution<account_id> owner(1, 10'000);
    std::vector<book_command> out;
    for (std::size_t i = 0; i < stream_length; ++i) {
      const bool buy = i % 2 == 0;
      out.push_back(submit(owner(rng), buy ? side::buy : side::sell, (buy ? 1'880 : 1'884) + offset(rng),
                           qty(rng), time_in_force::gtc));
    }
    return out;
  }();
  return stream;
}

/// Workload 2: ~1,000 resting orders over ~750 levels around 100'000 cents, then 9 % GTC, 3 % IOC,
/// 6 % cancel, 82 % replace, ~6 % of commands trading; generated against a live book so cancels
/// and replaces hit open orders. `mix` is measured while generating (percent of commands, and the
/// book's mean open orders and price levels sampled every 1,024 commands).
struct mixed_workload {
  std::vector<book_command> prefill;
  std::vector<book_command> stream;
  double gtc_pct = 0;
  double ioc_pct = 0;
  double cancel_pct = 0;
  double replace_pct = 0;
  double mean_orders = 0;
  double mean_levels = 0;
};

/// Chance (percent) that a GTC order, or a replace, is priced through the other side and trades;
/// tuned so that ~6 % of all commands trade, as issue 2 asks (IOC orders are always marketable).
constexpr std::int64_t gtc_cross_pct = 15;
constexpr std::int64_t replace_cross_pct = 2;
/// Resting prices lie 1..spread_levels ticks from the mid on each side: ~1,000 orders then cover
/// ~750 distinct levels. Marketable orders are small (100-300 shares against 100-1,000 resting), so
/// most fills reduce a maker instead of removing it, and new GTC orders are forced while fewer than
/// min_orders rest: the book stays near 1,000 orders.
constexpr std::int64_t spread_levels = 800;
constexpr std::size_t min_orders = 850;

const mixed_workload& mixed() {
  static const auto workload = [] {
    constexpr cents mid = 100'000;
    mixed_workload w;
    order_book book{bench_instrument(mid)};
    std::mt19937_64 rng(2);
    auto pick = [&rng](std::int64_t lo, std::int64_t hi) {
      return std::uniform_int_distribution(lo, hi)(rng);
    };
    live_orders live;
    std::vector<book_event> events;
    std::vector<price_level_view> levels;
    std::size_t gtc = 0;
    std::size_t ioc = 0;
    std::size_t cancels = 0;
    std::size_t replaces = 0;
    double samples = 0;
    double orders = 0;
    double level_count = 0;
    auto taker_qty = [&pick] { return pick(1, 3) * 100; };
    /// Resting: 1..spread_levels ticks behind the mid. Crossing: 0..2 ticks through the opposite
    /// best (or the mid when that side is empty), so the order trades.
    auto price = [&](side s, bool cross) {
      if (!cross) {
        const cents away = pick(1, spread_levels);
        return s == side::buy ? mid - away : mid + away;
      }
      const auto top = book.top();
      const cents opposite = s == side::buy ? top.ask_price : top.bid_price;
      const cents through = pick(0, 2);
      if (opposite == 0)
        return mid;
      return s == side::buy ? opposite + through : opposite - through;
    };
    auto run = [&](const book_command& c, std::vector<book_command>& into) {
      events.clear();
      apply(book, c, events);
      into.push_back(c);
      live.observe(events);
    };
    for (int i = 0; i < 1'000; ++i) {
      const auto s = i % 2 == 0 ? side::buy : side::sell;
      run(submit(static_cast<account_id>(pick(1, 10'000)), s, price(s, false), pick(1, 10) * 100,
                 time_in_force::gtc),
          w.prefill);
    }
    while (w.stream.size() < stream_length) {
      const auto roll = pick(0, 99);
      const auto s = pick(0, 1) == 0 ? side::buy : side::sell;
      const auto owner = static_cast<account_id>(pick(1, 10'000));
      if (roll < 9 || live.size() < min_orders) {
        const bool cross = pick(0, 99) < gtc_cross_pct;
        run(submit(owner, s, price(s, cross), cross ? taker_qty() : pick(1, 10) * 100, time_in_force::gtc),
            w.stream);
        ++gtc;
        continue;
      }
      if (roll < 12) {
        run(submit(owner, s, price(s, true), taker_qty(), time_in_force::ioc), w.stream);
        ++ioc;
        continue;
      }
      const auto target = live[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(live.size()) - 1))];
      book_command c;
      c.id = target.id;
      c.who = target.owner;
      if (roll < 18) {
        c.what = book_command::kind::cancel;
        ++cancels;
      } else {
        c.what = book_command::kind::replace;
        const bool cross = pick(0, 99) < replace_cross_pct;
        c.price = price(target.order_side, cross);
        c.qty = pick(1, 10) * 100;
        ++replaces;
      }
      run(c, w.stream);
      if (w.stream.size() % 1'024 == 0) {
        ++samples;
        orders += static_cast<double>(book.open_order_count());
        for (const auto s2 : {side::buy, side::sell}) {
          book.depth(s2, 100'000, levels);
          level_count += static_cast<double>(levels.size());
        }
      }
    }
    const auto n = static_cast<double>(w.stream.size()) / 100.0;
    w.gtc_pct = static_cast<double>(gtc) / n;
    w.ioc_pct = static_cast<double>(ioc) / n;
    w.cancel_pct = static_cast<double>(cancels) / n;
    w.replace_pct = static_cast<double>(replaces) / n;
    w.mean_orders = orders / samples;
    w.mean_levels = level_count / samples;
    return w;
  }();
  return workload;
}

template <class Book>
void replay(Book& book, const std::vector<book_command>& commands, std::vector<book_event>& events) {
  for (const auto& c : commands) {
    events.clear();
    apply(book, c, events);
  }
  benchmark::DoNotOptimize(events.data());
}

template <class Book>
void bm_insert(benchmark::State& state) {
  const auto& stream = insert_stream();
  std::vector<book_event> events;
  events.reserve(64);
  for (auto _ : state) {
    Book book{bench_instrument(1'885)};
    replay(book, stream, events);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
}

template <class Book>
void bm_mixed(benchmark::State& state) {
  const auto& w = mixed();
  std::vector<book_event> events;
  events.reserve(64);
  std::size_t trading = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Book book{bench_instrument(100'000)};
    replay(book, w.prefill, events);
    state.ResumeTiming();
    for (const auto& c : w.stream) {
      events.clear();
      apply(book, c, events);
      trading += std::any_of(events.begin(), events.end(),
                             [](const book_event& e) { return e.kind == book_event_kind::fill; });
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.stream.size()));
  state.counters["trading_pct"] =
      100.0 * static_cast<double>(trading) / static_cast<double>(state.iterations() * w.stream.size());
  state.counters["gtc_pct"] = w.gtc_pct;
  state.counters["ioc_pct"] = w.ioc_pct;
  state.counters["cancel_pct"] = w.cancel_pct;
  state.counters["replace_pct"] = w.replace_pct;
  state.counters["orders"] = w.mean_orders;
  state.counters["levels"] = w.mean_levels;
}

/// Sorts `ns` and reports its p50/p99/p99.9/max as counters named `prefix` + "p50_ns" etc.
void report_percentiles(benchmark::State& state, const std::string& prefix, std::vector<std::int64_t>& ns) {
  std::sort(ns.begin(), ns.end());
  auto at = [&ns](double q) {
    return static_cast<double>(ns[static_cast<std::size_t>(q * static_cast<double>(ns.size() - 1))]);
  };
  state.counters[prefix + "p50_ns"] = at(0.50);
  state.counters[prefix + "p99_ns"] = at(0.99);
  state.counters[prefix + "p99.9_ns"] = at(0.999);
  state.counters[prefix + "max_ns"] = static_cast<double>(ns.back());
}

/// Open loop: command i is due at start + i µs; latency runs from that due time to completion, so
/// time spent waiting behind a slow command (or a preemption of this thread) counts. `svc_*` is the
/// pure service time of each command (clock read just before and after it), which excludes queueing
/// and so is what the book itself costs; both are reported.
template <class Book>
void bm_latency(benchmark::State& state) {
  using clock = std::chrono::steady_clock;
  const auto& w = mixed();
  std::vector<book_event> events;
  events.reserve(64);
  std::vector<std::int64_t> latency_ns(w.stream.size());
  std::vector<std::int64_t> service_ns(w.stream.size());
  for (auto _ : state) {
    Book book{bench_instrument(100'000)};
    replay(book, w.prefill, events);
    const auto start = clock::now();
    for (std::size_t i = 0; i < w.stream.size(); ++i) {
      const auto due = start + std::chrono::microseconds(i);
      auto begin = clock::now();
      while (begin < due) // spin until the command arrives
        begin = clock::now();
      events.clear();
      apply(book, w.stream[i], events);
      const auto end = clock::now();
      latency_ns[i] = std::chrono::duration_cast<std::chrono::nanoseconds>(end - due).count();
      service_ns[i] = std::chrono::duration_cast<std::chrono::nanoseconds>(end - begin).count();
    }
  }
  report_percentiles(state, "", latency_ns);
  report_percentiles(state, "svc_", service_ns);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.stream.size()));
}

BENCHMARK_TEMPLATE(bm_insert, order_book)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(bm_insert, reference_book)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(bm_mixed, order_book)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(bm_mixed, reference_book)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(bm_latency, order_book)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_TEMPLATE(bm_latency, reference_book)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace
} // namespace bourse::testing

BENCHMARK_MAIN();
