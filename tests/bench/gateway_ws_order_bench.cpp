// WebSocket order entry throughput: `order.new` ops to a real bourse-node over authenticated /ws
// sessions, each connection one player with one op in flight (closed loop); orders answered per
// second over the run, and the op round trip.
#include <map>
#include <memory>

#include <boost/json/parse.hpp>

#include "tests/bench/gateway_support.hpp"
#include "tests/bench/gateway_ws_peer.hpp"

namespace {

using namespace bourse::bench;
namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

/// Closed-loop order flow: each connection sends its next order when the previous one is
/// answered, alternating buy and sell (player 2j starts buying, 2j+1 selling, so pairs cross).
class ws_order_load {
public:
  ws_order_load(asio::io_context& io, std::uint16_t port, const std::vector<player>& players,
                clock_type::duration run_for)
      : run_for_(run_for) {
    const asio::ip::tcp::endpoint node(asio::ip::make_address("127.0.0.1"), port);
    for (std::size_t i = 0; i < players.size(); ++i) {
      auto& c = *conns_.emplace_back(std::make_unique<conn>(io, i));
      c.peer.open(node, std::nullopt, players[i].token, [this, &c](boost::system::error_code ec) {
        if (ec) {
          ++statuses_["OPEN_FAILED"];
          return;
        }
        c.peer.read([this, &c](std::string_view text, std::int64_t) { on_frame(c, text); },
                    [this](boost::system::error_code) { /* counted by its last op */ });
        if (++opened_ == conns_.size())
          start();
      });
    }
  }

  const std::vector<std::int64_t>& latency_ns() const noexcept { return latency_ns_; }
  /// Answers: "result" or the error code.
  const std::map<std::string, std::uint64_t>& statuses() const noexcept { return statuses_; }
  double elapsed_s() const { return std::chrono::duration<double>(last_answer_ - start_).count(); }
  std::uint64_t answered() const noexcept { return answered_; }

private:
  struct conn {
    conn(asio::io_context& io, std::size_t index) : peer(io), index(index) {}
    ws_peer peer;
    std::size_t index;
    std::uint64_t sent = 0;
    clock_type::time_point sent_at;
  };

  void start() {
    start_ = clock_type::now();
    for (auto& c : conns_)
      send_next(*c);
  }

  void send_next(conn& c) {
    if (clock_type::now() - start_ >= run_for_)
      return c.peer.close();
    const bool buy = (c.sent + c.index) % 2 == 0;
    const auto client_order_id = c.index * 100'000'000 + ++c.sent;
    auto op = order_json(buy, client_order_id);
    op.insert(1, R"("op":"order.new","id":)" + std::to_string(client_order_id) + ",");
    c.sent_at = clock_type::now();
    c.peer.send(std::move(op));
  }

  void on_frame(conn& c, std::string_view text) {
    auto frame = boost::json::parse(text).as_object();
    if (!frame.contains("id") || frame.at("id").is_null())
      return;
    last_answer_ = clock_type::now();
    ++answered_;
    latency_ns_.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(last_answer_ - c.sent_at).count());
    const auto type = frame.at("type").as_string();
    ++statuses_[type == "result" ? std::string("result") : std::string(frame.at("code").as_string())];
    send_next(c);
  }

  clock_type::duration run_for_;
  std::vector<std::unique_ptr<conn>> conns_;
  std::size_t opened_ = 0;
  clock_type::time_point start_;
  clock_type::time_point last_answer_;
  std::uint64_t answered_ = 0;
  std::vector<std::int64_t> latency_ns_;
  std::map<std::string, std::uint64_t> statuses_;
};

/// Knobs: BOURSE_BENCH_CONNECTIONS (players, one session each, 32), BOURSE_BENCH_SECONDS (10).
void bm_ws_order_throughput(benchmark::State& state) {
  const auto connections = env_or("BOURSE_BENCH_CONNECTIONS", 32) / 2 * 2;
  const auto seconds = env_or("BOURSE_BENCH_SECONDS", 10);
  try {
    bench_node node;
    const auto players = node.register_players("ws", connections);
    for (auto _ : state) {
      asio::io_context io;
      ws_order_load load(io, node.port(), players, std::chrono::seconds(seconds));
      state.counters["load_avg_before"] = load_average();
      io.run();
      state.counters["load_avg_after"] = load_average();
      state.counters["orders_per_s"] = static_cast<double>(load.answered()) / load.elapsed_s();
      for (const auto& [status, count] : load.statuses())
        state.counters[status] = static_cast<double>(count);
      report_latency(state, load.latency_ns(), "rtt_");
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}
BENCHMARK(bm_ws_order_throughput)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
