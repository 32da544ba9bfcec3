// Market-data fan-out: N WebSocket subscribers of trades.BNCH on a real bourse-node while a driver
// makes trades over REST at a fixed rate; latency from the trade's time (the book's wall clock, in
// the event) to its receipt by each subscriber, and the node's memory per connection. Receipt is
// taken twice: when the frame's bytes reached the client's socket (the kernel's receive time,
// counters without prefix) and when the single client thread got to the frame (app_*, which adds
// the client's own queueing behind the other subscribers' frames).
#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include <boost/asio/steady_timer.hpp>

#include "tests/bench/gateway_support.hpp"
#include "tests/bench/gateway_ws_peer.hpp"
#include "tests/crash/node_client.hpp"

namespace {

using namespace bourse::bench;
namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

/// Connections per source address: past it the next 127.0.0.x is used (ephemeral ports per source).
constexpr std::size_t per_source = 20'000;

/// N subscribers on one io_context thread: opened `concurrency` at a time, each subscribing to
/// trades.BNCH and timing every trade it receives. ready() fires once all have their snapshot;
/// finish(total) closes everything once each subscriber received total trades.
class fanout {
public:
  fanout(asio::io_context& io, std::uint16_t port, std::size_t subscribers, std::size_t concurrency)
      : io_(io), node_(asio::ip::make_address("127.0.0.1"), port), deadline_(io) {
    peers_.reserve(subscribers);
    for (std::size_t i = 0; i < subscribers; ++i)
      peers_.push_back(std::make_unique<subscriber>(io));
    for (std::size_t i = 0; i < concurrency && i < subscribers; ++i)
      open_next();
  }

  std::future<void> ready() { return ready_.get_future(); }

  /// From any thread: stop once every open subscriber has `trades` trades, or after `limit`.
  void finish(std::uint64_t trades, std::chrono::seconds limit) {
    asio::post(io_, [this, trades, limit] {
      expected_ = trades;
      deadline_.expires_after(limit);
      deadline_.async_wait([this](boost::system::error_code ec) {
        if (!ec)
          close_all();
      });
      check_done();
    });
  }

  /// Trade time to the kernel's receive time of the frame, per received trade.
  std::vector<std::int64_t>& latency_ns() noexcept { return latency_ns_; }
  /// Trade time to the client thread's handling of the frame, per received trade.
  std::vector<std::int64_t>& app_latency_ns() noexcept { return app_latency_ns_; }
  std::size_t failed() const noexcept { return failed_; }
  std::size_t ended_early() const noexcept { return ended_early_; }
  std::uint64_t received() const noexcept { return received_; }

private:
  struct subscriber {
    explicit subscriber(asio::io_context& io) : peer(io) {}
    ws_peer peer;
    std::uint64_t trades = 0;
    bool ready = false;
    bool done = false;  ///< closed by us
    bool ended = false; ///< its read loop ended
  };

  void open_next() {
    if (next_ == peers_.size())
      return;
    const auto index = next_++;
    auto& s = *peers_[index];
    std::optional<asio::ip::address> source;
    if (index >= per_source)
      source = asio::ip::address_v4(asio::ip::address_v4::loopback().to_uint() + index / per_source);
    s.peer.open(node_, source, "", [this, &s](boost::system::error_code ec) {
      if (ec) {
        ++failed_;
        return settled();
      }
      s.peer.read([this, &s](std::string_view text, std::int64_t rx_ns) { on_frame(s, text, rx_ns); },
                  [this, &s](boost::system::error_code) {
                    s.ended = true;
                    if (!s.done)
                      ++ended_early_;
                    if (!s.ready)
                      return settled();
                    check_done();
                  });
      s.peer.send(R"({"op":"subscribe","id":1,"channels":["trades.BNCH"]})");
    });
  }

  /// One subscriber is ready or failed: open the next, and report when all are settled.
  void settled() {
    if (++settled_ == peers_.size())
      ready_.set_value();
    open_next();
  }

  void on_frame(subscriber& s, std::string_view text, std::int64_t rx_ns) {
    if (text.find(R"("type":"trade")") != std::string_view::npos) {
      const auto now = unix_ns();
      const auto time = trade_time(text);
      latency_ns_.push_back((rx_ns > 0 ? rx_ns : now) - time);
      app_latency_ns_.push_back(now - time);
      ++s.trades;
      ++received_;
      return check_done();
    }
    if (!s.ready && text.find(R"("type":"snapshot")") != std::string_view::npos) {
      s.ready = true;
      settled();
    }
  }

  /// The trade's `"time"` (ns UTC) in a trade frame (the only key of that name in it).
  static std::int64_t trade_time(std::string_view text) {
    constexpr std::string_view key = R"("time":)";
    const auto at = text.find(key);
    std::int64_t time = 0;
    if (at == std::string_view::npos ||
        std::from_chars(text.data() + at + key.size(), text.data() + text.size(), time).ec != std::errc{})
      throw std::runtime_error("trade frame without time: " + std::string(text));
    return time;
  }

  void check_done() {
    if (expected_ == 0 || closing_)
      return;
    for (; checked_ < peers_.size(); ++checked_) {
      auto& s = *peers_[checked_];
      if (s.ready && !s.ended && s.trades < expected_)
        return;
    }
    close_all();
  }

  void close_all() {
    closing_ = true;
    deadline_.cancel();
    for (auto& s : peers_) {
      if (s->ready && !s->ended && !s->done) {
        s->done = true;
        s->peer.close();
      }
    }
  }

  asio::io_context& io_;
  asio::ip::tcp::endpoint node_;
  asio::steady_timer deadline_;
  std::vector<std::unique_ptr<subscriber>> peers_;
  std::size_t next_ = 0;
  std::size_t settled_ = 0;
  std::size_t failed_ = 0;
  std::size_t ended_early_ = 0;
  std::size_t checked_ = 0;
  std::uint64_t expected_ = 0;
  std::uint64_t received_ = 0;
  bool closing_ = false;
  std::promise<void> ready_;
  std::vector<std::int64_t> latency_ns_;
  std::vector<std::int64_t> app_latency_ns_;
};

/// Makes about `rate` trades per second for `seconds` with two players crossing one-share margin
/// orders (A buys, B sells; then A sells, B buys), each order answered before the next is sent.
/// Returns the day's BNCH volume afterwards (= trades made, one share each).
std::uint64_t drive_trades(std::uint16_t port, const std::vector<player>& two, std::uint64_t rate,
                           std::uint64_t seconds) {
  const auto start = clock_type::now();
  const auto period = std::chrono::nanoseconds(1'000'000'000 / rate);
  std::uint64_t client_order_id = 0;
  for (std::uint64_t n = 0; n < rate * seconds; ++n) {
    std::this_thread::sleep_until(start + period * static_cast<std::int64_t>(n)); // pacing, not sync
    const bool a_buys = n % 2 == 0;
    bourse::test::call_node(port, "POST", "/api/v1/orders", two[0].token,
                            order_json(a_buys, ++client_order_id));
    bourse::test::call_node(port, "POST", "/api/v1/orders", two[1].token,
                            order_json(!a_buys, ++client_order_id));
  }
  auto ticker = bourse::test::call_node(port, "GET", "/api/v1/ticker", "");
  for (const auto& t : ticker.body.at("tickers").as_array())
    if (t.at("symbol").as_string() == "BNCH")
      return t.at("volume").to_number<std::uint64_t>();
  throw std::runtime_error("no BNCH ticker");
}

/// CPU per delivered frame while trading (node_cpu_us_per_frame: all its threads, including the
/// REST orders that make the trades; client_cpu_us_per_frame: this process, including the driver).
/// Knobs: BOURSE_BENCH_SUBSCRIBERS (10000), BOURSE_BENCH_TRADE_RATE (trades/s, 5),
/// BOURSE_BENCH_SECONDS (10), BOURSE_BENCH_CONCURRENCY (handshakes in flight, 200).
void bm_ws_fanout(benchmark::State& state) {
  const auto subscribers = env_or("BOURSE_BENCH_SUBSCRIBERS", 10'000);
  const auto trade_rate = env_or("BOURSE_BENCH_TRADE_RATE", 5);
  const auto seconds = env_or("BOURSE_BENCH_SECONDS", 10);
  const auto concurrency = env_or("BOURSE_BENCH_CONCURRENCY", 200);
  try {
    bench_node node;
    const auto drivers = node.register_players("driver", 2);
    for (auto _ : state) {
      asio::io_context io;
      auto guard = asio::make_work_guard(io);
      const auto rss_before = node.rss_bytes();
      fanout subs(io, node.port(), subscribers, concurrency);
      auto ready = subs.ready();
      std::jthread client([&io] { io.run(); });
      const std::unique_ptr<asio::io_context, void (*)(asio::io_context*)> stop_on_exit(
          &io, [](asio::io_context* c) { c->stop(); }); // before client joins, also on a throw
      if (ready.wait_for(std::chrono::minutes(5)) != std::future_status::ready)
        throw std::runtime_error("subscribers not connected within 5 minutes");
      const auto rss_connected = node.rss_bytes();
      state.counters["load_avg_before"] = load_average();
      const auto node_cpu_before = node.cpu_ns();
      const auto client_cpu_before = own_cpu_ns();
      const auto trades = drive_trades(node.port(), drivers, trade_rate, seconds);
      subs.finish(trades, std::chrono::seconds(60));
      guard.reset();
      client.join();
      const auto frames = static_cast<double>(std::max<std::uint64_t>(subs.received(), 1));
      state.counters["node_cpu_us_per_frame"] =
          static_cast<double>(node.cpu_ns() - node_cpu_before) / 1e3 / frames;
      state.counters["client_cpu_us_per_frame"] =
          static_cast<double>(own_cpu_ns() - client_cpu_before) / 1e3 / frames;
      const auto rss_after = node.rss_bytes();
      state.counters["load_avg_after"] = load_average();
      const auto connected = static_cast<double>(subscribers - subs.failed());
      state.counters["connected"] = connected;
      state.counters["ended_early"] = static_cast<double>(subs.ended_early());
      state.counters["trades"] = static_cast<double>(trades);
      state.counters["received"] = static_cast<double>(subs.received());
      state.counters["kib_per_conn"] = static_cast<double>(rss_connected - rss_before) / 1024.0 / connected;
      state.counters["kib_per_conn_after_trades"] =
          static_cast<double>(rss_after - rss_before) / 1024.0 / connected;
      report_latency(state, std::move(subs.latency_ns()), "");
      report_latency(state, std::move(subs.app_latency_ns()), "app_");
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}
BENCHMARK(bm_ws_fanout)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
