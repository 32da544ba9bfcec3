// Crash test (issue 4): clients trade against a bourse-node that is killed with SIGKILL at seeded
// random moments and restarted on the same data directory; afterwards every acknowledged order and
// every fill a client saw must be durable and recovered, nothing duplicated, cash and shares conserved.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>

#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "actors/account/margin.hpp"
#include "bots/market/market_catalog.hpp"
#include "persistence/account_recovery.hpp"
#include "persistence/durability_check.hpp"
#include "persistence/private_cluster.hpp"
#include "tests/crash/node_process.hpp"

#include "tests/crash/node_client.hpp"

namespace bourse::test {
namespace {

namespace json = boost::json;

constexpr auto symbol = "BRS10Y"; // reference 100.00, tick 1 cent: prices near 10000 cross often
constexpr int trader_count = 4;   // even traders buy (cash), odd traders sell short (margin)
constexpr auto start_timeout = std::chrono::seconds(BOURSE_CRASH_START_TIMEOUT_S);
constexpr auto progress_timeout = std::chrono::seconds(30);

struct trader {
  std::string token;
  account_id account = 0;
  bool buyer = false;
};

/// An order a client was told was accepted. Quantities shares.
struct acked_order {
  std::size_t trader = 0;
  std::string body; ///< the request, to send again
  std::uint64_t client_order_id = 0;
  order_id id = 0;
  quantity qty = 0;
};

struct pending_order {
  std::uint64_t client_order_id = 0;
  quantity qty = 0;
  std::string body;
  bool resent = false;
};

/// What every client saw, and the node's current address; shared by the client threads and the
/// thread that kills and restarts the node.
class crash_run {
public:
  /// The node's port once it serves under another generation than `failed` (the one a request of
  /// the caller failed against); nullopt when the run is over.
  std::optional<std::pair<std::uint16_t, std::uint64_t>> wait_for_node(std::uint64_t failed, bool idle) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return (idle && stopping_) || (up_ && generation_ != failed); });
    if (idle && stopping_)
      return std::nullopt;
    return std::pair{port_, generation_};
  }

  void node_down() {
    std::lock_guard lock(mutex_);
    up_ = false;
  }

  void node_up(std::uint16_t port) {
    {
      std::lock_guard lock(mutex_);
      port_ = port;
      ++generation_;
      up_ = true;
    }
    changed_.notify_all();
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
  }

  /// Waits until `count` orders were acknowledged; false after `timeout` without them.
  bool wait_for_acks(std::size_t count, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return acked_.size() >= count || !problems_.empty(); }) &&
           problems_.empty();
  }

  std::size_t ack_count() {
    std::lock_guard lock(mutex_);
    return acked_.size();
  }

  /// Records the node's answer to an order; false when it is retryable (send it again).
  bool record_answer(std::size_t who, const trader& t, const pending_order& order,
                     const node_answer& answer) {
    client_log::answer a{.account = t.account, .client_order_id = order.client_order_id, .symbol = symbol};
    if (answer.status == 201) {
      a.id = answer.body.at("order_id").to_number<order_id>();
    } else {
      const auto code = answer.body.is_object() && answer.body.as_object().contains("code")
                            ? reason_code_from_string(answer.body.at("code").as_string())
                            : std::nullopt;
      if (!code) {
        problem("order answer " + std::to_string(answer.status) + " without a reason code");
        return true;
      }
      a.reason = *code;
      if (a.reason == reason_code::busy || a.reason == reason_code::unavailable ||
          a.reason == reason_code::timeout)
        return false;
    }
    std::lock_guard lock(mutex_);
    log_.answers.push_back(a);
    resent_ += order.resent ? 1 : 0;
    if (a.reason == reason_code::none)
      acked_.push_back({who, order.body, order.client_order_id, a.id, order.qty});
    changed_.notify_all();
    return true;
  }

  /// Records what GET /account showed `who`: its position and the fill state of its orders.
  void record_view(std::size_t who, const trader& t, const json::value& view) {
    std::map<order_id, quantity> open;
    for (const auto& o : view.at("open_orders").as_array())
      open[o.at("order_id").to_number<order_id>()] = o.at("open_quantity").to_number<quantity>();
    quantity spot = 0;
    for (const auto& p : view.at("positions").as_array())
      if (p.at("symbol").as_string() == symbol)
        spot = p.at("spot").to_number<quantity>();
    std::lock_guard lock(mutex_);
    auto [seen, fresh] = extreme_spot_.try_emplace(who, spot);
    seen->second = t.buyer ? std::max(seen->second, spot) : std::min(seen->second, spot);
    for (const auto& o : acked_) {
      if (o.trader != who)
        continue;
      const auto it = open.find(o.id);
      // GTC orders of one-sided traders only leave the book filled (no cancels, no self-trades).
      const quantity filled = it == open.end() ? o.qty : o.qty - it->second;
      filled_seen_[o.id] = std::max(filled_seen_[o.id], filled);
    }
  }

  void problem(std::string what) {
    std::lock_guard lock(mutex_);
    problems_.push_back(std::move(what));
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  client_log log_;
  std::vector<acked_order> acked_;
  std::map<std::size_t, quantity> extreme_spot_; ///< max spot seen (buyers), min (sellers)
  std::map<order_id, quantity> filled_seen_;
  std::vector<std::string> problems_;
  std::size_t resent_ = 0;

private:
  std::uint16_t port_ = 0;
  std::uint64_t generation_ = 0;
  bool up_ = false;
  bool stopping_ = false;
};

pending_order next_order(std::mt19937_64& rng, bool buyer, std::uint64_t client_order_id) {
  // Buyers bid 99.98..100.05, sellers ask 99.95..100.02: about half the orders cross on arrival.
  const cents price = buyer ? std::uniform_int_distribution<cents>(9998, 10005)(rng)
                            : std::uniform_int_distribution<cents>(9995, 10002)(rng);
  const quantity qty = std::uniform_int_distribution<quantity>(1, 5)(rng);
  json::object body{{"symbol", symbol}, {"side", buyer ? "BUY" : "SELL"},
                    {"type", "LIMIT"},  {"price", price},
                    {"quantity", qty},  {"time_in_force", "GTC"},
                    {"margin", !buyer}, {"client_order_id", client_order_id}};
  return {client_order_id, qty, json::serialize(body)};
}

/// One client: sends orders until the run stops; an order whose request failed (the node died) is
/// sent again with the same client_order_id to the restarted node.
void trade(crash_run& run, std::size_t who, const trader& t, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uint64_t next_id = 1;
  std::optional<pending_order> pending;
  std::uint64_t failed = 0;
  while (auto node = run.wait_for_node(failed, !pending)) {
    const auto [port, generation] = *node;
    try {
      if (!pending)
        pending = next_order(rng, t.buyer, next_id++);
      const auto answer = call_node(port, "POST", "/api/v1/orders", t.token, pending->body);
      if (run.record_answer(who, t, *pending, answer))
        pending.reset();
      const auto view = call_node(port, "GET", "/api/v1/account", t.token);
      if (view.status != 200) {
        run.problem("GET /account answered " + std::to_string(view.status));
        return;
      }
      run.record_view(who, t, view.body);
    } catch (const boost::system::system_error&) {
      failed = generation;
      if (pending)
        pending->resent = true;
    }
  }
}

trader register_trader(std::uint16_t port, std::size_t index) {
  const json::object credentials{{"username", "crash" + std::to_string(index)},
                                 {"password", "crash-password"}};
  const auto reg = call_node(port, "POST", "/api/v1/auth/local/register", "", json::serialize(credentials));
  if (reg.status != 201)
    throw std::runtime_error("register answered " + std::to_string(reg.status));
  trader t{.token = std::string(reg.body.at("access_token").as_string()), .buyer = index % 2 == 0};
  t.account = call_node(port, "GET", "/api/v1/account", t.token).body.at("id").to_number<account_id>();
  return t;
}

std::uint64_t crash_seed() {
  const char* given = std::getenv("BOURSE_CRASH_SEED");
  return given != nullptr ? std::strtoull(given, nullptr, 10) : 20261122;
}

instrument_table listed_instruments() {
  const auto catalog = bots::load_market_catalog(
      std::filesystem::path(BOURSE_SOURCE_DIR) / "config/market.toml", BOURSE_SOURCE_DIR);
  instrument_table table;
  for (const auto& listed : catalog.instruments)
    table.emplace(listed.rules.symbol, listed.rules);
  return table;
}

quantity durable_fills(pg_connection& conn, order_id id) {
  auto sum = conn.exec("SELECT coalesce(sum(quantity), 0) FROM executions WHERE symbol = $1 AND"
                       " (maker_order_id = $2 OR taker_order_id = $2)",
                       std::string(symbol), static_cast<std::int64_t>(id));
  return sum ? sum->int64(0, 0) : -1;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines)
    out += line + "\n";
  return out;
}

TEST(crash, acknowledged_orders_and_seen_fills_survive_kill_9) {
  const auto seed = crash_seed();
  std::mt19937_64 rng(seed);
  node_process node(BOURSE_NODE_BINARY, BOURSE_SOURCE_DIR);
  crash_run run;
  std::vector<trader> traders;
  auto port = node.start(start_timeout);
  for (std::size_t i = 0; i < trader_count; ++i)
    traders.push_back(register_trader(port, i));
  run.node_up(port);
  std::vector<std::jthread> clients;
  struct stop_clients {
    crash_run& run;
    std::vector<std::jthread>& clients;
    ~stop_clients() {
      run.stop();
      clients.clear();
    }
  } stopper{run, clients};
  for (std::size_t i = 0; i < traders.size(); ++i)
    clients.emplace_back(trade, std::ref(run), i, std::cref(traders[i]), seed + i + 1);

  for (int kill = 0; kill < BOURSE_CRASH_KILLS; ++kill) {
    const auto target = run.ack_count() + std::uniform_int_distribution<std::size_t>(1, 25)(rng);
    ASSERT_TRUE(run.wait_for_acks(target, progress_timeout))
        << "kill " << kill << ": " << joined(run.problems_);
    run.node_down();
    node.kill_hard();
    port = node.start(start_timeout);
    run.node_up(port);
  }
  run.stop();
  clients.clear(); // each client first finishes its pending order on the last node
  ASSERT_TRUE(run.problems_.empty()) << joined(run.problems_);

  // The recovered state through the API: positions at least what was seen, open orders as acked.
  std::vector<std::string> problems;
  std::map<std::pair<std::size_t, std::uint64_t>, order_id> id_of;
  std::map<order_id, quantity> open_qty;
  for (std::size_t i = 0; i < traders.size(); ++i) {
    const auto view = call_node(port, "GET", "/api/v1/account", traders[i].token);
    ASSERT_EQ(view.status, 200);
    quantity spot = 0;
    for (const auto& p : view.body.at("positions").as_array())
      if (p.at("symbol").as_string() == symbol)
        spot = p.at("spot").to_number<quantity>();
    const auto seen = run.extreme_spot_[i];
    if (traders[i].buyer ? spot < seen : spot > seen)
      problems.push_back("trader " + std::to_string(i) + " saw position " + std::to_string(seen) +
                         ", recovered " + std::to_string(spot));
    for (const auto& o : view.body.at("open_orders").as_array()) {
      const auto id = o.at("order_id").to_number<order_id>();
      open_qty[id] = o.at("open_quantity").to_number<quantity>();
      id_of[{i, o.at("client_order_id").to_number<std::uint64_t>()}] = id;
    }
  }
  for (const auto& o : run.acked_) {
    const auto [it, fresh] = id_of.try_emplace({o.trader, o.client_order_id}, o.id);
    if (it->second != o.id)
      problems.push_back("order " + std::to_string(o.client_order_id) + " of trader " +
                         std::to_string(o.trader) + " acked as " + std::to_string(o.id) + ", also known as " +
                         std::to_string(it->second));
    const auto open = open_qty.find(o.id);
    if (open != open_qty.end() && open->second > o.qty - run.filled_seen_[o.id])
      problems.push_back("order " + std::to_string(o.id) + " recovered with fills a client saw undone");
  }
  // Idempotency: the first acknowledged order sent again gets its original id.
  ASSERT_FALSE(run.acked_.empty());
  const auto& first = run.acked_.front();
  const auto again = call_node(port, "POST", "/api/v1/orders", traders[first.trader].token, first.body);
  ASSERT_EQ(again.status, 201) << json::serialize(again.body);
  EXPECT_EQ(again.body.at("order_id").to_number<order_id>(), first.id);

  // The database, after a clean stop: executions behind every fill seen, the journal checker.
  node.stop_gracefully();
  private_cluster cluster({.dir = node.data_dir() / "pg"});
  auto conn = pg_connection::open(cluster.conninfo());
  ASSERT_TRUE(conn) << conn.error().message;
  std::size_t filled_orders = 0;
  for (const auto& o : run.acked_) {
    const auto durable = durable_fills(*conn, o.id);
    const auto seen = run.filled_seen_[o.id];
    filled_orders += seen > 0 ? 1 : 0;
    if (durable < seen || (!open_qty.contains(o.id) && durable != o.qty))
      problems.push_back("order " + std::to_string(o.id) + ": fills seen " + std::to_string(seen) +
                         ", durable " + std::to_string(durable) + " of " + std::to_string(o.qty));
  }
  auto accounts = recover_accounts(*conn, listed_instruments());
  ASSERT_TRUE(accounts) << accounts.error().message;
  auto checked = check_durability(*conn, run.log_, accounts->accounts);
  ASSERT_TRUE(checked) << checked.error().message;
  problems.insert(problems.end(), checked->begin(), checked->end());
  EXPECT_TRUE(problems.empty()) << joined(problems);
  std::printf("crash test: seed %llu, %d kills, %zu answers, %zu acked orders (%zu resent after a kill),"
              " %zu with fills seen, %zu open at the end\n",
              static_cast<unsigned long long>(seed), BOURSE_CRASH_KILLS, run.log_.answers.size(),
              run.acked_.size(), run.resent_, filled_orders, open_qty.size());
}

} // namespace
} // namespace bourse::test
