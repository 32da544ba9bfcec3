// REST order entry under open-loop load: POST /api/v1/orders to a real bourse-node (its own
// PostgreSQL, durable journal) at a fixed rate over keep-alive connections. Order n is due at
// start + n / rate and is sent then (or as soon as a connection is free); its latency runs from the
// due time to the answer, so queueing in the client counts (no coordinated omission).
#include <algorithm>
#include <deque>
#include <map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "tests/bench/gateway_support.hpp"

namespace {

using namespace bourse::bench;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using clock_type = std::chrono::steady_clock;

/// Open-loop order flow over `connections` keep-alive connections. Players trade in pairs: in
/// round r (one order per player), player 2j buys and 2j+1 sells when r is even and the reverse
/// when odd, so every pair's orders cross and each player's position swings between 0 and ±1.
class rest_load {
public:
  rest_load(asio::io_context& io, std::uint16_t port, std::vector<player> players, std::uint64_t rate,
            std::uint64_t total, std::uint64_t warmup, std::size_t connections)
      : io_(io), timer_(io), players_(std::move(players)),
        period_(std::chrono::nanoseconds(1'000'000'000 / rate)), total_(total), warmup_(warmup) {
    const asio::ip::tcp::endpoint node(asio::ip::make_address("127.0.0.1"), port);
    for (std::size_t i = 0; i < connections; ++i) {
      conns_.push_back(std::make_unique<conn>(io));
      conns_.back()->stream.connect(node);
      idle_.push_back(conns_.back().get());
    }
    latency_ns_.reserve(total);
  }

  /// Starts the schedule now; io.run() returns when every order is answered or failed.
  void start() {
    start_ = clock_type::now();
    tick();
  }

  const std::vector<std::int64_t>& latency_ns() const noexcept { return latency_ns_; }
  /// Answers by HTTP status (0: the connection failed).
  const std::map<unsigned, std::uint64_t>& statuses() const noexcept { return statuses_; }
  /// Seconds from the start to the last answer.
  double elapsed_s() const { return std::chrono::duration<double>(last_answer_ - start_).count(); }

private:
  struct conn {
    explicit conn(asio::io_context& io) : stream(io) {}
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    http::request<http::string_body> req;
    http::response<http::string_body> res;
    std::uint64_t order = 0;
  };

  clock_type::time_point due(std::uint64_t n) const {
    return start_ + period_ * static_cast<std::int64_t>(n);
  }

  void tick() {
    const auto now = clock_type::now();
    while (next_ < total_ && due(next_) <= now)
      pending_.push_back(next_++);
    dispatch();
    if (next_ == total_)
      return;
    timer_.expires_at(due(next_));
    timer_.async_wait([this](boost::system::error_code) { tick(); });
  }

  void dispatch() {
    while (!pending_.empty() && !idle_.empty()) {
      auto* c = idle_.back();
      idle_.pop_back();
      send(*c, pending_.front());
      pending_.pop_front();
    }
  }

  void send(conn& c, std::uint64_t n) {
    const auto who = n % players_.size();
    const bool even_round = (n / players_.size()) % 2 == 0;
    const bool buy = (who % 2 == 0) == even_round;
    c.order = n;
    c.req = {http::verb::post, "/api/v1/orders", 11};
    c.req.set(http::field::host, "127.0.0.1");
    c.req.set(http::field::authorization, "Bearer " + players_[who].token);
    c.req.set(http::field::content_type, "application/json");
    c.req.body() = order_json(buy, n + 1);
    c.req.prepare_payload();
    c.stream.expires_after(std::chrono::seconds(30));
    http::async_write(c.stream, c.req, [this, &c](boost::system::error_code ec, std::size_t) {
      if (ec)
        return answered(c, 0);
      c.res = {};
      http::async_read(c.stream, c.buffer, c.res, [this, &c](boost::system::error_code ec2, std::size_t) {
        answered(c, ec2 ? 0 : c.res.result_int());
      });
    });
  }

  void answered(conn& c, unsigned status) {
    last_answer_ = clock_type::now();
    ++statuses_[status];
    if (c.order >= warmup_)
      latency_ns_.push_back(
          std::chrono::duration_cast<std::chrono::nanoseconds>(last_answer_ - due(c.order)).count());
    if (status == 0)
      return; // the connection is broken: not reused
    idle_.push_back(&c);
    dispatch();
  }

  asio::io_context& io_;
  asio::steady_timer timer_;
  std::vector<player> players_;
  clock_type::duration period_;
  std::uint64_t total_;
  std::uint64_t warmup_;
  std::vector<std::unique_ptr<conn>> conns_;
  std::vector<conn*> idle_;
  std::deque<std::uint64_t> pending_;
  std::uint64_t next_ = 0;
  clock_type::time_point start_;
  clock_type::time_point last_answer_;
  std::vector<std::int64_t> latency_ns_;
  std::map<unsigned, std::uint64_t> statuses_;
};

/// Knobs: BOURSE_BENCH_RATE (orders/s, 5000), BOURSE_BENCH_SECONDS (10), BOURSE_BENCH_WARMUP_S
/// (1, not in the latency figures), BOURSE_BENCH_CONNECTIONS (64), BOURSE_BENCH_PLAYERS (64, even).
/// node_cpu_us_per_order: CPU of all the node's threads during the run per answered order.
void bm_rest_order_latency(benchmark::State& state) {
  const auto rate = env_or("BOURSE_BENCH_RATE", 5'000);
  const auto seconds = env_or("BOURSE_BENCH_SECONDS", 10);
  const auto warmup_s = env_or("BOURSE_BENCH_WARMUP_S", 1);
  const auto connections = env_or("BOURSE_BENCH_CONNECTIONS", 64);
  const auto players = env_or("BOURSE_BENCH_PLAYERS", 64) / 2 * 2;
  try {
    bench_node node;
    auto registered = node.register_players("rest", players);
    for (auto _ : state) {
      asio::io_context io;
      rest_load load(io, node.port(), registered, rate, rate * (seconds + warmup_s), rate * warmup_s,
                     connections);
      state.counters["load_avg_before"] = load_average();
      const auto node_cpu_before = node.cpu_ns();
      load.start();
      io.run();
      const auto node_cpu_ns = node.cpu_ns() - node_cpu_before;
      state.counters["load_avg_after"] = load_average();
      report_latency(state, load.latency_ns(), "");
      std::uint64_t answered = 0;
      for (const auto& [status, count] : load.statuses()) {
        answered += count;
        state.counters["http_" + std::to_string(status)] = static_cast<double>(count);
      }
      state.counters["target_per_s"] = static_cast<double>(rate);
      state.counters["answered_per_s"] = static_cast<double>(answered) / load.elapsed_s();
      state.counters["node_cpu_us_per_order"] =
          static_cast<double>(node_cpu_ns) / 1e3 / static_cast<double>(std::max<std::uint64_t>(answered, 1));
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}
BENCHMARK(bm_rest_order_latency)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
