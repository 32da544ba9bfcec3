#include "actors/book/order_book.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
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
/// 6 % cancel, 82 % replace; generated against a live book so cancels and replaces hit open orders.
struct mixed_workload {
  std::vector<book_command> prefill;
  std::vector<book_command> stream;
};

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
    auto price = [&](side s, bool cross) {
      const cents away = cross ? -pick(0, 3) : pick(1, 375);
      return s == side::buy ? mid - away : mid + away;
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
      if (roll < 9 || live.size() < 500) {
        run(submit(owner, s, price(s, pick(0, 4) == 0), pick(1, 10) * 100, time_in_force::gtc), w.stream);
        continue;
      }
      if (roll < 12) {
        run(submit(owner, s, price(s, true), pick(1, 10) * 100, time_in_force::ioc), w.stream);
        continue;
      }
      const auto target = live[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(live.size()) - 1))];
      book_command c;
      c.id = target.id;
      c.who = target.owner;
      if (roll < 18) {
        c.what = book_command::kind::cancel;
      } else {
        c.what = book_command::kind::replace;
        c.price = price(target.order_side, pick(0, 99) < 2);
        c.qty = pick(1, 10) * 100;
      }
      run(c, w.stream);
    }
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
}

/// Open loop: command i is due at start + i µs; latency runs from that due time to completion, so
/// time spent waiting behind a slow command counts.
template <class Book>
void bm_latency(benchmark::State& state) {
  using clock = std::chrono::steady_clock;
  const auto& w = mixed();
  std::vector<book_event> events;
  events.reserve(64);
  std::vector<std::int64_t> latency_ns(w.stream.size());
  for (auto _ : state) {
    Book book{bench_instrument(100'000)};
    replay(book, w.prefill, events);
    const auto start = clock::now();
    for (std::size_t i = 0; i < w.stream.size(); ++i) {
      const auto due = start + std::chrono::microseconds(i);
      while (clock::now() < due) {
        // spin until the command arrives
      }
      events.clear();
      apply(book, w.stream[i], events);
      latency_ns[i] = std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - due).count();
    }
  }
  std::sort(latency_ns.begin(), latency_ns.end());
  auto at = [&latency_ns](double q) {
    return static_cast<double>(
        latency_ns[static_cast<std::size_t>(q * static_cast<double>(latency_ns.size() - 1))]);
  };
  state.counters["p50_ns"] = at(0.50);
  state.counters["p99_ns"] = at(0.99);
  state.counters["p99.9_ns"] = at(0.999);
  state.counters["max_ns"] = static_cast<double>(latency_ns.back());
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
