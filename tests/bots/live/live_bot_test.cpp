#include "bots/live/live_bot.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <caf/actor_system.hpp>
#include <caf/io/middleman.hpp>
#include <caf/scoped_actor.hpp>
#include <gtest/gtest.h>

#include "actors/gateway/gateway_actor.hpp"
#include "actors/runtime/exchange.hpp"
#include "bots/live/order_router.hpp"

namespace bourse::bots {
namespace {

using namespace std::chrono_literals;

constexpr auto wait_limit = 5s;
const std::string secret = "s3cret";

instrument stock(std::string symbol) {
  instrument inst;
  inst.symbol = std::move(symbol);
  inst.name = inst.symbol;
  inst.reference_price = 10'000;
  return inst;
}

/// One node: an in-process exchange with its bot gateway published on 127.0.0.1.
struct node {
  /// `clock_started_at`: the node's game clock start told to bots (0 = the gateway's spawn time).
  explicit node(std::uint16_t wanted_port, timestamp_ns clock_started_at = 0,
                bot_funding_config funding = {}) {
    register_gateway_types(cfg);
    cfg.load<caf::io::middleman>();
    cfg.set("logger.verbosity", caf::atom("quiet"));
    cfg.set("middleman.heartbeat-interval", caf::timespan{100ms});
    sys.emplace(cfg);
    ex = build_exchange(*sys, {stock("AAA")});
    gateway = spawn_gateway(*sys, ex.where, ex.instruments, gateway_config{secret, clock_started_at, funding},
                            board);
    auto bound = publish_gateway(*sys, gateway, wanted_port);
    EXPECT_TRUE(bound) << sys->render(bound.error());
    port = bound ? *bound : 0;
  }

  ~node() {
    shutdown(ex);
    caf::anon_send_exit(gateway, caf::exit_reason::user_shutdown);
  }

  /// Places an order from a player account on this node and returns its result.
  std::optional<order_result> place(account_id id, side s, cents price, quantity qty, std::uint64_t coid) {
    caf::scoped_actor self{*sys};
    new_order o;
    o.client_order_id = coid;
    o.symbol = "AAA";
    o.order_side = s;
    o.price = price;
    o.qty = qty;
    std::optional<order_result> out;
    self->request(ex.where->account(id), wait_limit, atoms::place::value, o)
        .receive([&](const order_result& r) { out = r; }, [](const caf::error&) {});
    return out;
  }

  /// Issues `qty` shares of AAA to an account; returns the account's answer.
  std::optional<reason_code> issue(account_id id, quantity qty) {
    caf::scoped_actor self{*sys};
    std::optional<reason_code> out;
    self->request(ex.where->account(id), wait_limit, atoms::deposit::value, std::string("AAA"), qty)
        .receive([&](reason_code r) { out = r; }, [](const caf::error&) {});
    return out;
  }

  /// The node's view of an account.
  std::optional<account_view> view(account_id id) {
    caf::scoped_actor self{*sys};
    std::optional<account_view> out;
    self->request(ex.where->account(id), wait_limit, caf::get_atom::value, atoms::view::value)
        .receive([&](const account_view& v) { out = v; }, [](const caf::error&) {});
    return out;
  }

  caf::actor_system_config cfg;
  std::optional<caf::actor_system> sys;
  exchange ex;
  std::shared_ptr<bot_status_board> board = std::make_shared<bot_status_board>();
  gateway_actor gateway;
  std::uint16_t port = 0;
};

/// States the bots went through, in order, with a bounded wait for the next one.
class state_log {
public:
  void push(std::string_view state) {
    {
      std::lock_guard lock{mutex_};
      states_.emplace_back(state);
    }
    cv_.notify_all();
  }

  /// True once `state` was seen after the first `from` entries.
  bool wait_for(const std::string& state, std::size_t from = 0) {
    std::unique_lock lock{mutex_};
    return cv_.wait_for(lock, wait_limit, [&] {
      for (std::size_t i = from; i < states_.size(); ++i)
        if (states_[i] == state)
          return true;
      return false;
    });
  }

  std::size_t size() const {
    std::lock_guard lock{mutex_};
    return states_.size();
  }

private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::string> states_;
};

struct bot_side_config : caf::actor_system_config {
  bot_side_config() {
    configure_bot_system(*this, 100ms, 1'000ms);
    set("logger.verbosity", caf::atom("quiet"));
  }
};

class live_bot_test : public ::testing::Test {
protected:
  link_config link(std::uint16_t port, std::string credential = secret) {
    link_config l;
    l.port = port;
    l.secret = std::move(credential);
    l.backoff_min = 20ms;
    l.backoff_max = 200ms;
    l.status_interval = 20ms;
    l.on_state = [this](std::string_view, std::string_view state) { states_.push(state); };
    return l;
  }

  /// A noise trader sending market orders of 10 shares about 20 times a second.
  static bot_spec trader(std::string name) {
    return bot_spec{std::move(name),
                    "noise",
                    {{"rate_per_s", 20}, {"market_prob", 1}, {"min_qty", 10}, {"max_qty", 10}},
                    "AAA",
                    risk_limits{},
                    10'000'000,
                    {}};
  }

  /// Polls `done` every 10 ms until it holds or the wait limit passes.
  template <class Predicate>
  static bool eventually(Predicate done) {
    const auto deadline = std::chrono::steady_clock::now() + wait_limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline)
        return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }

  state_log states_;
  bot_side_config bot_cfg_;
  caf::actor_system bot_sys_{bot_cfg_};
};

TEST(publish_gateway, a_port_another_socket_listens_on_is_refused_at_once) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor holder(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  caf::actor_system_config cfg;
  register_gateway_types(cfg);
  cfg.load<caf::io::middleman>();
  cfg.set("logger.verbosity", caf::atom("quiet"));
  caf::actor_system sys{cfg};
  auto ex = build_exchange(sys, {stock("AAA")});
  auto gateway = spawn_gateway(sys, ex.where, ex.instruments, gateway_config{secret, 0, {}},
                               std::make_shared<bot_status_board>());
  auto bound = publish_gateway(sys, gateway, holder.local_endpoint().port());
  EXPECT_FALSE(bound);
  EXPECT_EQ(bound.error(), caf::sec::cannot_open_port);
  shutdown(ex);
  caf::anon_send_exit(gateway, caf::exit_reason::user_shutdown);
}

TEST_F(live_bot_test, gateway_logs_in_with_the_secret_and_refuses_a_bad_credential) {
  const auto before = wall_clock_ns();
  node n{0};
  const auto after = wall_clock_ns();
  auto gw = bot_sys_.middleman().remote_actor<gateway_actor>("127.0.0.1", n.port);
  ASSERT_TRUE(gw) << bot_sys_.render(gw.error());
  caf::scoped_actor self{bot_sys_};
  std::optional<bot_login> good;
  std::optional<bot_login> bad;
  self->request(*gw, wait_limit, atoms::login::value, std::string("mm-1"), secret, order_listener{})
      .receive([&](const bot_login& r) { good = r; }, [](const caf::error&) {});
  self->request(*gw, wait_limit, atoms::login::value, std::string("mm-1"), std::string("wrong"),
                order_listener{})
      .receive([&](const bot_login& r) { bad = r; }, [](const caf::error&) {});
  ASSERT_TRUE(good && bad);
  EXPECT_EQ(good->reason, reason_code::none);
  EXPECT_EQ(good->account, bot_account_id("mm-1"));
  EXPECT_TRUE(good->orders);
  EXPECT_GE(good->clock_started_at, before); // the node's game clock: the gateway's spawn by default
  EXPECT_LE(good->clock_started_at, after);
  EXPECT_EQ(bad->reason, reason_code::invalid_credentials);
  EXPECT_FALSE(bad->orders);
  std::optional<symbol_info> known;
  std::optional<symbol_info> unknown;
  self->request(*gw, wait_limit, atoms::lookup::value, std::string("AAA"))
      .receive([&](const symbol_info& r) { known = r; }, [](const caf::error&) {});
  self->request(*gw, wait_limit, atoms::lookup::value, std::string("ZZZ"))
      .receive([&](const symbol_info& r) { unknown = r; }, [](const caf::error&) {});
  ASSERT_TRUE(known && unknown);
  EXPECT_EQ(known->reason, reason_code::none);
  EXPECT_EQ(known->rules.reference_price, 10'000);
  EXPECT_TRUE(known->market_data);
  EXPECT_EQ(unknown->reason, reason_code::unknown_symbol);
}

TEST(bot_funding, tops_up_to_the_target_only_below_the_floor) {
  const bot_funding_config cfg{.floor = 2'500'000, .target = 10'000'000};
  EXPECT_EQ(bot_top_up(cfg, 2'500'000), 0);
  EXPECT_EQ(bot_top_up(cfg, 2'499'999), 7'500'001);
  EXPECT_EQ(bot_top_up(cfg, -1'000), 10'001'000);
  EXPECT_EQ(bot_top_up({.floor = 0, .target = 10'000'000}, -5), 0); // funding off
}

TEST_F(live_bot_test, gateway_tops_up_a_logged_in_bot_whose_equity_ran_low) {
  // The node's starting cash ($100,000) is below this floor, so the first status report funds.
  node n{0, 0, {.floor = 20'000'000, .target = 25'000'000, .interval = std::chrono::hours(1)}};
  auto gw = bot_sys_.middleman().remote_actor<gateway_actor>("127.0.0.1", n.port);
  ASSERT_TRUE(gw) << bot_sys_.render(gw.error());
  caf::scoped_actor self{bot_sys_};
  std::optional<bot_login> login;
  self->request(*gw, wait_limit, atoms::login::value, std::string("poor-bot"), secret, order_listener{})
      .receive([&](const bot_login& r) { login = r; }, [](const caf::error&) {});
  ASSERT_TRUE(login && login->reason == reason_code::none);
  self->send(*gw, atoms::status::value, bot_status{"stranger", "running", 0, 0, "", 0}); // not logged in
  self->send(*gw, atoms::status::value, bot_status{"poor-bot", "running", 0, 0, "", 0});
  ASSERT_TRUE(eventually([&] {
    auto v = n.view(login->account);
    return v && v->cash_free == 25'000'000;
  }));
  EXPECT_FALSE(n.view(bot_account_id("stranger"))->cash_free == 25'000'000);
  EXPECT_EQ(n.board->all().size(), 1u);
}

TEST_F(live_bot_test, bot_subscribes_places_orders_and_books_its_fills) {
  node n{0};
  const account_id seller = 7;
  ASSERT_EQ(n.issue(seller, 100'000), reason_code::none);
  ASSERT_EQ(n.place(seller, side::sell, 10'010, 100'000, 1)->reason, reason_code::none);
  ASSERT_EQ(n.place(seller, side::buy, 9'990, 500, 2)->reason, reason_code::none);
  auto bot = spawn_live_bot(bot_sys_, trader("trader-1"), link(n.port));
  ASSERT_TRUE(states_.wait_for("running"));
  // The bot's market orders traded on the node, and the bot's own ledger (built from the execution
  // reports it received and reported as status) holds exactly the node account's position.
  const auto id = bot_account_id("trader-1");
  quantity node_position = 0;
  ASSERT_TRUE(eventually([&] {
    auto v = n.view(id);
    auto all = n.board->all();
    if (!v || v->positions.empty() || all.size() != 1)
      return false;
    node_position = v->positions.front().net();
    return node_position != 0 && all.front().position == node_position;
  }));
  const auto status = n.board->all().front();
  EXPECT_EQ(status.name, "trader-1");
  EXPECT_EQ(status.state, "running");
  EXPECT_EQ(node_position % 10, 0);
  EXPECT_LT(status.pnl, 0); // crossed the 20-tick spread and paid the taker fee
  caf::anon_send_exit(bot, caf::exit_reason::user_shutdown);
}

TEST_F(live_bot_test, bot_reads_its_fundamental_on_the_node_game_clock) {
  // One game day per second. The path is $1 on day 0 and $200 from day 500 on; the node's clock
  // started 1,000 s (days) ago. On its own clock (started now) the value trader would value AAA at $1
  // and never buy; on the node's it values it at $200 and buys the $100.10 ask.
  constexpr timestamp_ns day = 86'400'000'000'000;
  constexpr timestamp_ns history_start = 10'000 * day;
  const auto now = wall_clock_ns();
  node n{0, now - 1'000'000'000'000};
  const account_id seller = 7;
  ASSERT_EQ(n.issue(seller, 1'000), reason_code::none);
  ASSERT_EQ(n.place(seller, side::sell, 10'010, 1'000, 1)->reason, reason_code::none);
  auto path = std::make_shared<const price_path>(
      std::vector<price_point>{{history_start, 100}, {history_start + 500 * day, 20'000}});
  bot_spec spec{
      "value-1",
      "value",
      {{"interval_s", 0.02}, {"noise_bps", 0}, {"threshold_bps", 100}, {"qty", 10}, {"max_position", 50}},
      "AAA",
      risk_limits{},
      10'000'000,
      fundamental_source{path, game_clock{history_start, 1, now}}};
  auto bot = spawn_live_bot(bot_sys_, spec, link(n.port));
  ASSERT_TRUE(states_.wait_for("running"));
  const auto id = bot_account_id("value-1");
  EXPECT_TRUE(eventually([&] {
    auto v = n.view(id);
    return v && !v->positions.empty() && v->positions.front().net() == 50;
  }));
  caf::anon_send_exit(bot, caf::exit_reason::user_shutdown);
}

TEST_F(live_bot_test, bot_with_a_bad_credential_is_refused) {
  node n{0};
  auto bot = spawn_live_bot(bot_sys_, trader("trader-2"), link(n.port, "wrong"));
  EXPECT_TRUE(states_.wait_for("refused"));
  EXPECT_TRUE(n.board->all().empty());
  caf::anon_send_exit(bot, caf::exit_reason::user_shutdown);
}

TEST_F(live_bot_test, bot_notices_a_dead_node_and_reconnects_when_it_comes_back) {
  auto first = std::make_unique<node>(0);
  const auto port = first->port;
  auto bot = spawn_live_bot(bot_sys_, trader("trader-3"), link(port));
  ASSERT_TRUE(states_.wait_for("running"));
  const auto seen = states_.size();
  first.reset();
  ASSERT_TRUE(states_.wait_for("disconnected", seen));
  const auto down = states_.size();
  node second{port};
  ASSERT_EQ(second.port, port);
  EXPECT_TRUE(states_.wait_for("running", down));
  caf::anon_send_exit(bot, caf::exit_reason::user_shutdown);
}

} // namespace
} // namespace bourse::bots
