#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "tests/crash/node_process.hpp"
#include "tests/support/private_postgres.hpp"

/// What the gateway benchmarks share: a real bourse-node child process with its own PostgreSQL,
/// players registered over REST, the orders they send and latency summaries.
namespace bourse::bench {

/// A positive integer from the environment variable `name`, else `fallback`.
std::uint64_t env_or(const char* name, std::uint64_t fallback);

/// Wall-clock time, ns since the Unix epoch (the clock of the book's trade times).
std::int64_t unix_ns() noexcept;

/// A registered player: its bearer token and account id.
struct player {
  std::string token;
  std::int64_t account = 0;
};

/// A bourse-node child on 127.0.0.1 (free ports, data in a temporary directory, embedded PostgreSQL
/// with fsync on) listing tests/bench/gateway_market.toml (one symbol, BNCH, at 100.00) with every
/// per-IP, per-user and per-session limit raised far above the load, so that nothing is rate
/// limited. Stopped with SIGTERM (then cleaned up) on destruction. With BOURSE_BENCH_FSYNC=off the
/// node uses a separate private cluster with fsync off instead (to isolate the cost of the commits).
class bench_node {
public:
  /// Starts the node; throws std::runtime_error when it does not serve within a minute.
  bench_node();
  bench_node(const bench_node&) = delete;
  bench_node& operator=(const bench_node&) = delete;
  ~bench_node();

  std::uint16_t port() const noexcept { return port_; }

  /// The node's resident set size (VmRSS of /proc/<pid>/status), bytes.
  std::int64_t rss_bytes() const;

  /// CPU time used by the node's threads so far (user + system of /proc/<pid>/stat), ns.
  std::int64_t cpu_ns() const;

  /// Registers `count` players named <prefix>0.. over REST; throws std::runtime_error on refusal.
  std::vector<player> register_players(const std::string& prefix, std::size_t count) const;

private:
  std::optional<test::private_postgres> volatile_pg_;
  test::node_process process_;
  std::uint16_t port_ = 0;
};

/// The JSON of a margin GTC limit order for one share of BNCH at 100.00 (margin, so that a player
/// may sell what it does not hold; every buy crosses every sell).
std::string order_json(bool buy, std::uint64_t client_order_id);

/// Sorted latency samples (ns) reported as Google Benchmark counters `<prefix>p50_ms`, `p99_ms`,
/// `p999_ms`, `max_ms` and `<prefix>samples`; nothing when there are none.
void report_latency(benchmark::State& state, std::vector<std::int64_t> samples_ns, const std::string& prefix);

/// CPU time used by this process's threads so far (user + system, getrusage), ns.
std::int64_t own_cpu_ns();

/// The 1-minute load average of the machine (/proc/loadavg), reported with every figure.
double load_average();

} // namespace bourse::bench
