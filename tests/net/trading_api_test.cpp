#include "net/api/trading_api.hpp"

#include "actors/runtime/exchange.hpp"
#include "actors/runtime/message_types.hpp"
#include "net/api/market_api.hpp"
#include "net/http/server.hpp"
#include "tests/net/http_client.hpp"

#include <boost/json/parse.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace bourse::net::api {
namespace {

using namespace bourse::net::test;
namespace bhttp = boost::beast::http;

const std::string secret = "0123456789abcdef0123456789abcdef";
constexpr account_id alice = 1;
constexpr account_id admin = 99;

struct system_config : caf::actor_system_config {
  system_config() {
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
  }
};

instrument stock(std::string symbol) {
  instrument inst;
  inst.symbol = symbol;
  inst.name = symbol;
  inst.tick_size = 5;
  inst.reference_price = 10'000;
  return inst;
}

/// A market-data actor that never answers: its promises are kept but never delivered.
market_data_actor::behavior_type silent_market_data(market_data_actor::pointer self) {
  auto held = std::make_shared<std::vector<caf::response_promise>>();
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

class trading_api_test : public ::testing::Test {
protected:
  void SetUp() override {
    exchange_config cfg;
    cfg.starting_cash = 100'000'000;
    ex_ = build_exchange(sys_, {stock("AAA"), stock("BBB")}, cfg);
    market_ = std::make_unique<market_api>(sys_, ex_.where, ex_.instruments, std::chrono::seconds(5));
    trading_ = std::make_unique<trading_api>(sys_, ex_.where, ex_.instruments, std::chrono::seconds(5));
    silent_where_ = std::make_shared<placement>();
    silent_md_ = sys_.spawn(silent_market_data);
    silent_where_->put_market_data("AAA", silent_md_);
    silent_ =
        std::make_unique<market_api>(sys_, silent_where_, ex_.instruments, std::chrono::milliseconds(50));
    http::router routes;
    market_->add_routes(routes);
    trading_->add_routes(routes);
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
    server_.reset();
    silent_server_.reset();
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
  market_data_actor silent_md_;
  std::shared_ptr<placement> silent_where_;
  std::unique_ptr<market_api> silent_;
  std::unique_ptr<http::server> server_;
  std::unique_ptr<http::server> silent_server_;
};

TEST_F(trading_api_test, instruments_are_listed_publicly) {
  auto res = get(server_->port(), "/api/v1/instruments");
  ASSERT_EQ(res.result(), bhttp::status::ok);
  auto list = json(res).at("instruments").as_array();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].as_object().at("symbol").as_string(), "AAA");
  EXPECT_EQ(list[0].as_object().at("tick_size").as_int64(), 5);
}

TEST_F(trading_api_test, order_rests_shows_in_book_and_orders_then_cancels) {
  auto placed =
      place(R"({"symbol":"AAA","side":"BUY","type":"LIMIT","price":9900,"quantity":10,"client_order_id":7})");
  ASSERT_EQ(placed.result(), bhttp::status::created) << placed.body();
  auto id = json(placed).at("order_id").to_number<std::uint64_t>();
  EXPECT_EQ(json(placed).at("client_order_id").as_int64(), 7);

  auto book = get(server_->port(), "/api/v1/markets/AAA/book?depth=5");
  ASSERT_EQ(book.result(), bhttp::status::ok);
  auto bids = json(book).at("bids").as_array();
  ASSERT_EQ(bids.size(), 1U);
  EXPECT_EQ(bids[0].as_object().at("price").as_int64(), 9900);
  EXPECT_EQ(bids[0].as_object().at("qty").as_int64(), 10);
  EXPECT_TRUE(json(book).contains("seq"));

  EXPECT_EQ(open_orders(), 1U);
  auto one = call(bhttp::verb::get, "/api/v1/orders/" + std::to_string(id));
  ASSERT_EQ(one.result(), bhttp::status::ok);
  EXPECT_EQ(json(one).at("open_quantity").as_int64(), 10);
  auto account = json(call(bhttp::verb::get, "/api/v1/account"));
  EXPECT_EQ(account.at("cash").as_object().at("reserved").as_int64() > 0, true);

  auto cancelled = call(bhttp::verb::delete_, "/api/v1/orders/" + std::to_string(id));
  ASSERT_EQ(cancelled.result(), bhttp::status::ok) << cancelled.body();
  EXPECT_EQ(open_orders(), 0U);
  EXPECT_EQ(code_of(call(bhttp::verb::delete_, "/api/v1/orders/" + std::to_string(id))), "UNKNOWN_ORDER");
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/orders/abc")), "MALFORMED_REQUEST");
}

TEST_F(trading_api_test, bad_orders_get_their_code_and_change_nothing) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"symbol":"AAA","side":"BUY","price":9900,)", "MALFORMED_REQUEST"},
      {R"({"symbol":"AAA","side":"BUY","price":"a lot","quantity":10})", "MALFORMED_REQUEST"},
      {R"({"symbol":"AAA","side":"BUY","price":9900.5,"quantity":10})", "MALFORMED_REQUEST"},
      {R"({"symbol":"AAA","side":"HOLD","price":9900,"quantity":10})", "MALFORMED_REQUEST"},
      {R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10,"leverage":100})", "MALFORMED_REQUEST"},
      {R"({"symbol":"AAA","side":"BUY","quantity":10})", "MALFORMED_REQUEST"},
      {R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10,"client_order_id":0})",
       "MALFORMED_REQUEST"},
      {R"({"symbol":"ZZZ","side":"BUY","price":9900,"quantity":10})", "UNKNOWN_SYMBOL"},
      {R"({"symbol":"AAA","side":"BUY","price":9901,"quantity":10})", "OFF_TICK"},
      {R"({"symbol":"AAA","side":"BUY","price":1000,"quantity":10})", "OUTSIDE_PRICE_BAND"},
      {R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":0})", "INVALID_QUANTITY"},
  };
  for (const auto& [body, code] : cases)
    EXPECT_EQ(code_of(place(body)), code) << body;
  EXPECT_EQ(open_orders(), 0U);
  auto book = json(get(server_->port(), "/api/v1/markets/AAA/book"));
  EXPECT_TRUE(book.at("bids").as_array().empty());
}

TEST_F(trading_api_test, roles_are_checked) {
  auto anonymous = fetch(server_->port(), bhttp::verb::post, "/api/v1/orders", "{}");
  EXPECT_EQ(code_of(anonymous), "UNAUTHENTICATED");
  auto viewer = call(bhttp::verb::post, "/api/v1/orders", "{}", 5, role::viewer);
  EXPECT_EQ(code_of(viewer), "FORBIDDEN");
  auto player_admin = call(bhttp::verb::post, "/api/v1/admin/instruments/AAA/halt");
  EXPECT_EQ(player_admin.result(), bhttp::status::forbidden);
  EXPECT_EQ(code_of(player_admin), "FORBIDDEN");
}

TEST_F(trading_api_test, admin_halts_and_resumes_an_instrument) {
  auto halted = call(bhttp::verb::post, "/api/v1/admin/instruments/AAA/halt", {}, admin, role::admin);
  ASSERT_EQ(halted.result(), bhttp::status::ok);
  EXPECT_TRUE(json(halted).at("halted").as_bool());
  EXPECT_EQ(code_of(place(R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})")),
            "INSTRUMENT_HALTED");
  auto resumed = call(bhttp::verb::post, "/api/v1/admin/instruments/AAA/resume", {}, admin, role::admin);
  EXPECT_FALSE(json(resumed).at("halted").as_bool());
  EXPECT_EQ(place(R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})").result(),
            bhttp::status::created);
  EXPECT_EQ(code_of(call(bhttp::verb::post, "/api/v1/admin/instruments/ZZZ/halt", {}, admin, role::admin)),
            "UNKNOWN_SYMBOL");
}

TEST_F(trading_api_test, admin_deposits_and_freezes) {
  auto before = json(call(bhttp::verb::get, "/api/v1/account")).at("cash").as_object().at("free").as_int64();
  auto deposit = call(bhttp::verb::post, "/api/v1/admin/accounts/1/deposits", R"({"amount_cents":500})",
                      admin, role::admin);
  ASSERT_EQ(deposit.result(), bhttp::status::ok) << deposit.body();
  auto after = json(call(bhttp::verb::get, "/api/v1/account")).at("cash").as_object().at("free").as_int64();
  EXPECT_EQ(after - before, 500);
  EXPECT_EQ(code_of(call(bhttp::verb::post, "/api/v1/admin/accounts/1/deposits", R"({"amount_cents":-5})",
                         admin, role::admin)),
            "INVALID_AMOUNT");
  EXPECT_EQ(code_of(call(bhttp::verb::post, "/api/v1/admin/accounts/1/deposits", R"({"amount_cents":"x"})",
                         admin, role::admin)),
            "MALFORMED_REQUEST");

  auto frozen = call(bhttp::verb::post, "/api/v1/admin/accounts/1/freeze", {}, admin, role::admin);
  ASSERT_EQ(frozen.result(), bhttp::status::ok);
  EXPECT_EQ(json(frozen).at("state").as_string(), "FROZEN");
  EXPECT_EQ(code_of(place(R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})")), "ACCOUNT_HALTED");
  call(bhttp::verb::post, "/api/v1/admin/accounts/1/unfreeze", {}, admin, role::admin);
  EXPECT_EQ(place(R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})").result(),
            bhttp::status::created);
}

TEST_F(trading_api_test, every_route_is_documented_as_served) {
  std::ifstream in(BOURSE_SOURCE_DIR "/docs/openapi.json");
  std::ostringstream text;
  text << in.rdbuf();
  auto paths = boost::json::parse(text.str()).as_object().at("paths").as_object();
  http::router routes;
  market_->add_routes(routes);
  trading_->add_routes(routes);
  for (const auto& route : routes.routes()) {
    std::string method(bhttp::to_string(route.method));
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
    ASSERT_TRUE(paths.at(route.pattern).as_object().contains(method)) << method << " " << route.pattern;
    EXPECT_TRUE(paths.at(route.pattern).at(method).at("x-bourse-served").as_bool()) << route.pattern;
  }
}

TEST_F(trading_api_test, book_and_candle_queries_are_validated) {
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/ZZZ/book")), "UNKNOWN_SYMBOL");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/AAA/book?depth=0")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/AAA/book?depth=x")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/AAA/candles?interval=7m")), "MALFORMED_REQUEST");
  auto candles = get(server_->port(), "/api/v1/markets/AAA/candles?interval=1m&from=0");
  ASSERT_EQ(candles.result(), bhttp::status::ok);
  EXPECT_TRUE(json(candles).at("candles").is_array());
}

TEST_F(trading_api_test, an_actor_that_does_not_answer_is_a_gateway_timeout) {
  auto res = get(silent_server_->port(), "/api/v1/markets/AAA/book");
  EXPECT_EQ(res.result(), bhttp::status::gateway_timeout);
  EXPECT_EQ(code_of(res), "TIMEOUT");
  EXPECT_EQ(code_of(get(silent_server_->port(), "/api/v1/markets/AAA/candles")), "TIMEOUT");
}

} // namespace
} // namespace bourse::net::api
