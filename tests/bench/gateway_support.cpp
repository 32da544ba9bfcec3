#include "tests/bench/gateway_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <sys/resource.h>
#include <unistd.h>

#include "tests/crash/node_client.hpp"

namespace bourse::bench {

namespace {

/// Limits far above any load of these benchmarks (BOURSE_LIMITS_* override the node's settings).
void raise_node_limits() {
  const std::pair<const char*, const char*> settings[] = {
      {"BOURSE_LIMITS_MAX_CONNECTIONS_PER_IP", "1000000"},
      {"BOURSE_LIMITS_REQUESTS_PER_S_PER_IP", "10000000"},
      {"BOURSE_LIMITS_REQUESTS_PER_S_PER_USER", "10000000"},
      {"BOURSE_LIMITS_ORDERS_PER_S_PER_USER", "10000000"},
      {"BOURSE_LIMITS_WS_MESSAGES_PER_S", "10000000"},
      {"BOURSE_GAME_STARTING_CASH_CENTS", "1000000000000"},
      {"BOURSE_GAME_MARKET_FILE", BOURSE_SOURCE_DIR "/tests/bench/gateway_market.toml"},
  };
  for (const auto& [name, value] : settings)
    ::setenv(name, value, 1);
}

} // namespace

std::uint64_t env_or(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  const auto value = text != nullptr ? std::strtoull(text, nullptr, 10) : 0;
  return value > 0 ? value : fallback;
}

std::int64_t unix_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bench_node::bench_node() : process_(BOURSE_NODE_BINARY, BOURSE_SOURCE_DIR) {
  raise_node_limits();
  const char* fsync = std::getenv("BOURSE_BENCH_FSYNC");
  if (fsync != nullptr && std::string_view(fsync) == "off") {
    volatile_pg_.emplace(false);
    ::setenv("BOURSE_DATABASE_URL", volatile_pg_->create_database().c_str(), 1);
  }
  port_ = process_.start(std::chrono::seconds(60));
}

bench_node::~bench_node() {
  if (process_.pid() > 0)
    process_.stop_gracefully();
}

std::int64_t bench_node::rss_bytes() const {
  std::ifstream status("/proc/" + std::to_string(process_.pid()) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      std::int64_t kib = 0;
      status >> kib;
      return kib * 1024;
    }
    status.ignore(4096, '\n');
  }
  throw std::runtime_error("no VmRSS for the node");
}

std::int64_t bench_node::cpu_ns() const {
  std::ifstream in("/proc/" + std::to_string(process_.pid()) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto end_of_name = text.rfind(')'); // the command name may hold spaces
  if (end_of_name == std::string::npos)
    throw std::runtime_error("no /proc stat for the node");
  std::istringstream fields(text.substr(end_of_name + 2));
  std::string skip;
  for (int field = 3; field < 14; ++field) // fields 3..13, then utime (14) and stime (15)
    fields >> skip;
  std::int64_t utime = 0;
  std::int64_t stime = 0;
  fields >> utime >> stime;
  return (utime + stime) * (1'000'000'000 / ::sysconf(_SC_CLK_TCK));
}

std::vector<player> bench_node::register_players(const std::string& prefix, std::size_t count) const {
  std::vector<player> out;
  for (std::size_t i = 0; i < count; ++i) {
    const auto body = R"({"username":")" + prefix + std::to_string(i) + R"(","password":"bench-password"})";
    auto answer = test::call_node(port_, "POST", "/api/v1/auth/local/register", "", body);
    if (answer.status != 201)
      throw std::runtime_error("register " + prefix + std::to_string(i) + ": HTTP " +
                               std::to_string(answer.status));
    const auto& reply = answer.body.as_object();
    out.push_back({std::string(reply.at("access_token").as_string()),
                   reply.at("user").at("id").to_number<std::int64_t>()});
  }
  return out;
}

std::string order_json(bool buy, std::uint64_t client_order_id) {
  return std::string(R"({"symbol":"BNCH","side":")") + (buy ? "BUY" : "SELL") +
         R"(","type":"LIMIT","price":10000,"quantity":1,"margin":true,"client_order_id":)" +
         std::to_string(client_order_id) + "}";
}

void report_latency(benchmark::State& state, std::vector<std::int64_t> samples_ns,
                    const std::string& prefix) {
  if (samples_ns.empty())
    return;
  std::sort(samples_ns.begin(), samples_ns.end());
  auto ms = [&](double p) {
    const auto at = static_cast<std::size_t>(p * static_cast<double>(samples_ns.size() - 1));
    return static_cast<double>(samples_ns[at]) / 1e6;
  };
  state.counters[prefix + "p50_ms"] = ms(0.50);
  state.counters[prefix + "p99_ms"] = ms(0.99);
  state.counters[prefix + "p999_ms"] = ms(0.999);
  state.counters[prefix + "max_ms"] = ms(1.0);
  state.counters[prefix + "samples"] = static_cast<double>(samples_ns.size());
}

std::int64_t own_cpu_ns() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto ns = [](const timeval& t) { return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_usec * 1'000; };
  return ns(usage.ru_utime) + ns(usage.ru_stime);
}

double load_average() {
  std::ifstream in("/proc/loadavg");
  double one_minute = 0;
  in >> one_minute;
  return one_minute;
}

} // namespace bourse::bench
