#pragma once

#include "net/api/history_api.hpp"
#include "net/api/instrument_admin_api.hpp"
#include "net/api/leaderboard_api.hpp"
#include "net/api/overview_api.hpp"
#include "net/api/portfolio_api.hpp"
#include "net/api/trading_api.hpp"

#include "actors/runtime/exchange.hpp"
#include "actors/runtime/message_types.hpp"
#include "net/api/market_api.hpp"
#include "net/http/server.hpp"
#include "tests/net/http_client.hpp"

#include <boost/json/parse.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <gtest/gtest.h>

namespace bourse::net::api {

using namespace bourse::net::test; // NOLINT(google-build-using-namespace)
namespace bhttp = boost::beast::http;

inline const std::string secret = "0123456789abcdef0123456789abcdef";
constexpr account_id alice = 1;
constexpr account_id bob = 2;
constexpr account_id admin = 99;

struct system_config : caf::actor_system_config {
  system_config() {
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
  }
};

inline instrument stock(std::string symbol) {
  instrument inst;
  inst.symbol = symbol;
  inst.name = symbol;
  inst.tick_size = 5;
  inst.reference_price = 10'000;
  return inst;
}

/// A market-data actor that never answers: its promises are kept but never delivered.
inline market_data_actor::behavior_type
silent_market_data(market_data_actor::pointer self,
                   std::shared_ptr<std::vector<caf::response_promise>> held) {
  auto hold = [self, held] {
    held->push_back(self->make_response_promise());
    return caf::delegated<l2_snapshot>{};
  };
  return {
      [](atoms::update, const md_update&) {},
      [hold](atoms::subscribe, const md_subscriber&) -> caf::delegated<l2_snapshot> { return hold(); },
      [](atoms::unsubscribe, const md_subscriber&) {},
      [](atoms::credit, const md_subscriber&, std::uint64_t) {},
      [hold](caf::get_atom, atoms::snapshot) -> caf::delegated<l2_snapshot> { return hold(); },
      [self, held](caf::get_atom, atoms::candles, std::int64_t) -> caf::delegated<std::vector<candle>> {
        held->push_back(self->make_response_promise());
        return {};
      },
      [self, held](caf::get_atom, atoms::summary) -> caf::delegated<daily_summary> {
        held->push_back(self->make_response_promise());
        return {};
      },
  };
}

/// Owners for the leaderboard: every account is player "user<id>", except id 42, a bot.
inline std::map<account_id, account_owner> named_players(const std::vector<account_id>& ids) {
  std::map<account_id, account_owner> owners;
  for (auto id : ids)
    owners[id] = {"user" + std::to_string(id), id == 42};
  return owners;
}

class exchange_api_test : public ::testing::Test {
protected:
  void SetUp() override {
    exchange_config cfg;
    cfg.starting_cash = 100'000'000;
    ex_ = build_exchange(sys_, {stock("AAA"), stock("BBB")}, cfg);
    market_ = std::make_unique<market_api>(sys_, ex_.where, ex_.instruments, std::chrono::seconds(5));
    trading_ = std::make_unique<trading_api>(sys_, ex_.where, ex_.instruments, std::chrono::seconds(5));
    listing_ = std::make_unique<instrument_admin_api>(ex_, nullptr, pool_, [this](const instrument& inst) {
      follow_symbol(tape_, *ex_.where, inst.symbol);
    });
    tape_ = spawn_trade_tape(sys_, ex_.where, tape_capacity);
    // Once the tape answers, its subscriptions are in the market-data mailboxes before any order.
    caf::scoped_actor self{sys_};
    self->request(tape_, caf::infinite, caf::get_atom::value, tape_atom::value, std::string("AAA"),
                  std::int64_t{1})
        .receive([](std::vector<trade_print>&) {}, [](caf::error&) { FAIL(); });
    overview_ =
        std::make_unique<overview_api>(sys_, ex_.where, ex_.instruments, tape_, std::chrono::seconds(5));
    portfolio_ = std::make_unique<portfolio_api>(sys_, ex_.where, ex_.instruments, std::chrono::seconds(5));
    history_ = std::make_unique<history_api>(sys_, ex_.where, ex_.instruments, std::chrono::seconds(5),
                                             history_store_, pool_);
    leaderboard_ = std::make_unique<leaderboard_api>(sys_, ex_.where, ex_.instruments, ex_.accounts,
                                                     std::chrono::seconds(5), named_players, pool_);
    silent_where_ = std::make_shared<placement>();
    silent_md_ = sys_.spawn(silent_market_data, std::make_shared<std::vector<caf::response_promise>>());
    silent_where_->put_market_data("AAA", silent_md_);
    silent_ =
        std::make_unique<market_api>(sys_, silent_where_, ex_.instruments, std::chrono::milliseconds(50));
    http::router routes;
    market_->add_routes(routes);
    trading_->add_routes(routes);
    listing_->add_routes(routes);
    overview_->add_routes(routes);
    portfolio_->add_routes(routes);
    history_->add_routes(routes);
    leaderboard_->add_routes(routes);
    http::router silent_routes;
    silent_->add_routes(silent_routes);
    config::settings s;
    s.node.port = 0;
    s.node.openapi_path.clear();
    s.limits.requests_per_s_per_user = 10'000;
    s.limits.requests_per_s_per_ip = 10'000;
    server_ = std::make_unique<http::server>(s, std::move(routes), &codec_);
    server_->start();
    silent_server_ = std::make_unique<http::server>(s, std::move(silent_routes), &codec_);
    silent_server_->start();
  }

  void TearDown() override {
    pool_.join();
    server_.reset();
    silent_server_.reset();
    caf::anon_send_exit(tape_, caf::exit_reason::user_shutdown);
    shutdown(ex_);
    caf::anon_send_exit(silent_md_, caf::exit_reason::user_shutdown);
  }

  std::map<std::string, std::string> auth(account_id user, role r = role::player) {
    return {{"Authorization",
             "Bearer " + codec_.issue({user, "user" + std::to_string(user), r, 0}, http::unix_seconds())},
            {"Content-Type", "application/json"}};
  }

  response call(bhttp::verb method, const std::string& target, const std::string& body = {},
                account_id user = alice, role r = role::player) {
    return fetch(server_->port(), method, target, body, auth(user, r));
  }

  response place(const std::string& body) { return call(bhttp::verb::post, "/api/v1/orders", body); }

  /// Issues shares to an account directly through its actor (no REST route for that).
  void issue_shares(account_id id, const std::string& symbol, quantity qty) {
    caf::scoped_actor self{sys_};
    self->request(ex_.where->account(id), caf::infinite, atoms::deposit::value, symbol, qty)
        .receive([](reason_code code) { EXPECT_EQ(code, reason_code::none); }, [](caf::error&) { FAIL(); });
  }

  /// Bob sells qty AAA to Alice at price (Bob rests, Alice takes, on margin when `margin`).
  void trade(cents price, quantity qty, bool margin = false) {
    auto sell = call(bhttp::verb::post, "/api/v1/orders",
                     R"({"symbol":"AAA","side":"SELL","price":)" + std::to_string(price) + R"(,"quantity":)" +
                         std::to_string(qty) + "}",
                     bob);
    ASSERT_EQ(sell.result(), bhttp::status::created) << sell.body();
    auto buy = place(R"({"symbol":"AAA","side":"BUY","price":)" + std::to_string(price) + R"(,"quantity":)" +
                     std::to_string(qty) + (margin ? R"(,"margin":true})" : "}"));
    ASSERT_EQ(buy.result(), bhttp::status::created) << buy.body();
  }

  static boost::json::object json(const response& res) { return boost::json::parse(res.body()).as_object(); }

  std::size_t open_orders() {
    return json(call(bhttp::verb::get, "/api/v1/orders")).at("orders").as_array().size();
  }

  system_config cfg_;
  caf::actor_system sys_{cfg_};
  exchange ex_;
  access_token_codec codec_{secret, "bourse", "bourse-api", 900};
  std::unique_ptr<market_api> market_;
  std::unique_ptr<trading_api> trading_;
  static constexpr std::size_t tape_capacity = 4;
  trade_tape_actor tape_;
  std::unique_ptr<overview_api> overview_;
  /// Without a database: only the routes that never read it (open orders) are served by history_.
  pg_link no_database_{"host=/nonexistent"};
  pg_history_store history_store_{no_database_};
  boost::asio::thread_pool pool_{1};
  std::unique_ptr<portfolio_api> portfolio_;
  std::unique_ptr<instrument_admin_api> listing_; ///< in memory: no database
  std::unique_ptr<history_api> history_;
  std::unique_ptr<leaderboard_api> leaderboard_;
  market_data_actor silent_md_;
  std::shared_ptr<placement> silent_where_;
  std::unique_ptr<market_api> silent_;
  std::unique_ptr<http::server> server_;
  std::unique_ptr<http::server> silent_server_;
};

} // namespace bourse::net::api
