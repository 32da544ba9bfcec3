#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/runtime/exchange.hpp"
#include "actors/runtime/message_types.hpp"

// Orders through the full actor path in one process: client -> account (risk, reserve) -> book
// (match) -> execution reports to both accounts -> market data. 2 scheduler threads.
namespace {

using namespace bourse;
using clock_type = std::chrono::steady_clock;

/// CAF scheduler policy from BOURSE_BENCH_POLICY ("sharing" or "stealing"; default "sharing", as
/// bourse-node runs).
caf::atom_value bench_policy() {
  const char* policy = std::getenv("BOURSE_BENCH_POLICY");
  return policy != nullptr && std::string_view{policy} == "stealing" ? caf::atom("stealing")
                                                                     : caf::atom("sharing");
}

/// A positive integer from the environment variable `name`, else `fallback`.
std::uint64_t env_or(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  const auto value = text != nullptr ? std::strtoull(text, nullptr, 10) : 0;
  return value > 0 ? value : fallback;
}

constexpr account_id accounts = 64;

struct bench_config : caf::actor_system_config {
  bench_config() {
    set("scheduler.policy", bench_policy());
    set("scheduler.max-threads", std::size_t{2});
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
  }
};

/// One exchange with one symbol and `accounts` funded accounts that trade in pairs at one price.
struct bench_exchange {
  bench_exchange() : sys(cfg), self(sys) {
    instrument inst;
    inst.symbol = "BNCH";
    inst.reference_price = 10'000;
    inst.max_quantity = 1'000'000;
    exchange_config ex_cfg;
    ex_cfg.starting_cash = 1'000'000'000'000;
    ex_cfg.limits.max_open_orders = 100'000;
    ex_cfg.limits.max_position = 1'000'000'000;
    ex = build_exchange(sys, {inst}, ex_cfg);
    for (account_id id = 1; id <= accounts; ++id)
      self->request(ex.where->account(id), std::chrono::seconds(10), atoms::deposit::value,
                    std::string{"BNCH"}, quantity{100'000'000})
          .receive([](reason_code) {}, [](caf::error&) {});
  }
  ~bench_exchange() { shutdown(ex); }

  /// Order `n` of round r = n / pairs for pair p = n % pairs: account 2p+1 buys one share at 100.00
  /// in even rounds, account 2p+2 sells it in odd rounds, so the orders of a pair trade each other.
  static constexpr std::uint64_t pairs = accounts / 2;
  static new_order order(std::uint64_t n) {
    new_order o;
    o.client_order_id = n;
    o.symbol = "BNCH";
    o.order_side = (n / pairs) % 2 == 0 ? side::buy : side::sell;
    o.price = 10'000;
    o.qty = 1;
    return o;
  }
  account_actor account_for(std::uint64_t n) {
    return ex.where->account(1 + 2 * (n % pairs) + (n / pairs) % 2);
  }

  bench_config cfg;
  caf::actor_system sys;
  caf::scoped_actor self;
  exchange ex;
};

/// Drains every answer already in the mailbox; `on_answer(client_order_id)` for each.
template <class F>
void drain(caf::scoped_actor& self, F on_answer) {
  bool more = true;
  while (more)
    self->receive([&](const order_result& r) { on_answer(r); },
                  caf::after(std::chrono::seconds(0)) >> [&] { more = false; });
}

void bm_actor_path_throughput(benchmark::State& state) {
  bench_exchange bx;
  const std::uint64_t window = env_or("BOURSE_BENCH_WINDOW", 4'096); // orders in flight
  const auto total = env_or("BOURSE_BENCH_ORDERS", static_cast<std::uint64_t>(state.range(0)));
  std::uint64_t next = 1;
  std::uint64_t answered = 0;
  std::uint64_t accepted = 0;
  for (auto _ : state) {
    std::uint64_t sent_now = 0;
    std::uint64_t answered_now = 0;
    while (answered_now < total) {
      for (; sent_now < total && sent_now - answered_now < window; ++sent_now, ++next)
        bx.self->send(bx.account_for(next), atoms::place::value, bx.order(next));
      bx.self->receive([&](const order_result& r) {
        ++answered_now;
        accepted += r.reason == reason_code::none;
      });
    }
    answered += answered_now;
  }
  state.counters["orders_per_s"] =
      benchmark::Counter(static_cast<double>(answered), benchmark::Counter::kIsRate);
  state.counters["accepted_share"] = static_cast<double>(accepted) / static_cast<double>(answered);
}
BENCHMARK(bm_actor_path_throughput)
    ->Arg(200'000)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// With BOURSE_BENCH_TIMELINE set: every 10 ms bucket of send times whose slowest answer took over
/// 1 ms, as "t_ms max_us count" on stderr (`latency_ns[i]` is the order sent at `sent[warm_up + 1 + i]`
/// when answers arrive in order; close enough to place the stalls in time).
void print_stalls(const std::vector<clock_type::time_point>& sent,
                  const std::vector<std::int64_t>& latency_ns, std::uint64_t warm_up) {
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> buckets; // 10 ms bucket -> max ns, count
  for (std::size_t i = 0; i < latency_ns.size() && warm_up + 1 + i < sent.size(); ++i) {
    const auto at =
        std::chrono::duration_cast<std::chrono::milliseconds>(sent[warm_up + 1 + i] - sent[1]).count();
    auto& [max_ns, count] = buckets[at / 10];
    max_ns = std::max(max_ns, latency_ns[i]);
    ++count;
  }
  for (const auto& [bucket, stats] : buckets)
    if (stats.first > 1'000'000)
      std::fprintf(stderr, "%lld ms: max %lld us over %lld orders\n", static_cast<long long>(bucket * 10),
                   static_cast<long long>(stats.first / 1'000), static_cast<long long>(stats.second));
}

void bm_actor_path_ack_latency(benchmark::State& state) {
  bench_exchange bx;
  const auto rate = static_cast<std::uint64_t>(state.range(0)); // orders per second
  const auto warm_up = rate / 2;                                // half a second, not measured
  const auto total = warm_up + rate * 2;                        // then two seconds
  std::vector<clock_type::time_point> sent(total + 1);
  std::vector<std::int64_t> latency_ns;
  latency_ns.reserve(total);
  std::uint64_t answered = 0;
  for (auto _ : state) {
    latency_ns.clear();
    answered = 0;
    const auto start = clock_type::now();
    auto on_answer = [&](const order_result& r) {
      ++answered;
      if (r.client_order_id > warm_up)
        latency_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(clock_type::now() - sent[r.client_order_id])
                .count());
    };
    for (std::uint64_t n = 1; n <= total; ++n) {
      const auto due = start + std::chrono::nanoseconds(n * 1'000'000'000 / rate);
      while (clock_type::now() < due)
        drain(bx.self, on_answer);
      sent[n] = clock_type::now();
      bx.self->send(bx.account_for(n), atoms::place::value, bx.order(n));
    }
    while (answered < total)
      bx.self->receive([&](const order_result& r) { on_answer(r); });
  }
  if (std::getenv("BOURSE_BENCH_TIMELINE") != nullptr)
    print_stalls(sent, latency_ns, warm_up);
  std::sort(latency_ns.begin(), latency_ns.end());
  auto pct = [&](double p) {
    return static_cast<double>(
               latency_ns[static_cast<std::size_t>(p * static_cast<double>(latency_ns.size() - 1))]) /
           1'000.0;
  };
  state.counters["p50_us"] = pct(0.50);
  state.counters["p99_us"] = pct(0.99);
  state.counters["p999_us"] = pct(0.999);
}
BENCHMARK(bm_actor_path_ack_latency)
    ->Arg(9'000)
    ->Arg(150'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
