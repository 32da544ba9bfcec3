#include "tests/net/exchange_api_fixture.hpp"
#include "tests/net/openapi_paths.hpp"

#include <gtest/gtest.h>

namespace bourse::net::api {
namespace {

TEST_F(exchange_api_test, instruments_are_listed_publicly) {
  auto res = get(server_->port(), "/api/v1/instruments");
  ASSERT_EQ(res.result(), bhttp::status::ok);
  auto list = json(res).at("instruments").as_array();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].as_object().at("symbol").as_string(), "AAA");
  EXPECT_EQ(list[0].as_object().at("tick_size").as_int64(), 5);
}

TEST_F(exchange_api_test, order_rests_shows_in_book_and_orders_then_cancels) {
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

TEST_F(exchange_api_test, patch_replaces_an_open_order) {
  auto placed =
      place(R"({"symbol":"AAA","side":"BUY","type":"LIMIT","price":9900,"quantity":10,"client_order_id":3})");
  ASSERT_EQ(placed.result(), bhttp::status::created) << placed.body();
  auto id = std::to_string(json(placed).at("order_id").to_number<std::uint64_t>());
  auto replaced = call(bhttp::verb::patch, "/api/v1/orders/" + id, R"({"price":9800,"quantity":4})");
  ASSERT_EQ(replaced.result(), bhttp::status::ok) << replaced.body();
  auto orders = json(call(bhttp::verb::get, "/api/v1/orders")).at("orders").as_array();
  ASSERT_EQ(orders.size(), 1U);
  EXPECT_EQ(orders[0].as_object().at("price").as_int64(), 9800);
  EXPECT_EQ(orders[0].as_object().at("open_quantity").as_int64(), 4);
  auto bids = json(get(server_->port(), "/api/v1/markets/AAA/book")).at("bids").as_array();
  ASSERT_EQ(bids.size(), 1U);
  EXPECT_EQ(bids[0].as_object().at("price").as_int64(), 9800);

  EXPECT_EQ(code_of(call(bhttp::verb::patch, "/api/v1/orders/" + id, R"({"price":9801,"quantity":4})")),
            "OFF_TICK");
  EXPECT_EQ(code_of(call(bhttp::verb::patch, "/api/v1/orders/" + id, R"({"price":9800})")),
            "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(call(bhttp::verb::patch, "/api/v1/orders/987654", R"({"price":9800,"quantity":4})")),
            "UNKNOWN_ORDER");
  auto after = json(call(bhttp::verb::get, "/api/v1/orders")).at("orders").as_array();
  EXPECT_EQ(after[0].as_object().at("price").as_int64(), 9800);
}

TEST_F(exchange_api_test, delete_orders_cancels_all_or_one_symbol) {
  for (const auto* body : {R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})",
                           R"({"symbol":"AAA","side":"BUY","price":9800,"quantity":10})",
                           R"({"symbol":"BBB","side":"BUY","price":9900,"quantity":10})"})
    ASSERT_EQ(place(body).result(), bhttp::status::created);
  EXPECT_EQ(code_of(call(bhttp::verb::delete_, "/api/v1/orders?symbol=ZZZ")), "UNKNOWN_SYMBOL");
  EXPECT_EQ(open_orders(), 3U);
  auto some = call(bhttp::verb::delete_, "/api/v1/orders?symbol=AAA");
  ASSERT_EQ(some.result(), bhttp::status::ok) << some.body();
  EXPECT_EQ(json(some).at("cancelled").as_array().size(), 2U);
  EXPECT_TRUE(json(some).at("failed").as_array().empty());
  auto left = json(call(bhttp::verb::get, "/api/v1/orders")).at("orders").as_array();
  ASSERT_EQ(left.size(), 1U);
  EXPECT_EQ(left[0].as_object().at("symbol").as_string(), "BBB");
  auto rest = call(bhttp::verb::delete_, "/api/v1/orders");
  EXPECT_EQ(json(rest).at("cancelled").as_array().size(), 1U);
  EXPECT_EQ(open_orders(), 0U);
  auto none = call(bhttp::verb::delete_, "/api/v1/orders");
  ASSERT_EQ(none.result(), bhttp::status::ok);
  EXPECT_TRUE(json(none).at("cancelled").as_array().empty());
}

TEST_F(exchange_api_test, bad_orders_get_their_code_and_change_nothing) {
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

TEST_F(exchange_api_test, roles_are_checked) {
  auto anonymous = fetch(server_->port(), bhttp::verb::post, "/api/v1/orders", "{}");
  EXPECT_EQ(code_of(anonymous), "UNAUTHENTICATED");
  auto viewer = call(bhttp::verb::post, "/api/v1/orders", "{}", 5, role::viewer);
  EXPECT_EQ(code_of(viewer), "FORBIDDEN");
  auto player_admin = call(bhttp::verb::post, "/api/v1/admin/instruments/AAA/halt");
  EXPECT_EQ(player_admin.result(), bhttp::status::forbidden);
  EXPECT_EQ(code_of(player_admin), "FORBIDDEN");
}

TEST_F(exchange_api_test, admin_halts_and_resumes_an_instrument) {
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

TEST_F(exchange_api_test, admin_deposits_and_freezes) {
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

TEST_F(exchange_api_test, every_route_is_documented_as_served) {
  http::router routes;
  market_->add_routes(routes);
  trading_->add_routes(routes);
  listing_->add_routes(routes);
  overview_->add_routes(routes);
  expect_served_routes_documented(routes);
}

TEST_F(exchange_api_test, book_and_candle_queries_are_validated) {
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/ZZZ/book")), "UNKNOWN_SYMBOL");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/AAA/book?depth=0")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/AAA/book?depth=x")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/AAA/candles?interval=7m")), "MALFORMED_REQUEST");
  auto candles = get(server_->port(), "/api/v1/markets/AAA/candles?interval=1m&from=0");
  ASSERT_EQ(candles.result(), bhttp::status::ok);
  EXPECT_TRUE(json(candles).at("candles").is_array());
}

TEST_F(exchange_api_test, an_actor_that_does_not_answer_is_a_gateway_timeout) {
  auto res = get(silent_server_->port(), "/api/v1/markets/AAA/book");
  EXPECT_EQ(res.result(), bhttp::status::gateway_timeout);
  EXPECT_EQ(code_of(res), "TIMEOUT");
  EXPECT_EQ(code_of(get(silent_server_->port(), "/api/v1/markets/AAA/candles")), "TIMEOUT");
}

} // namespace
} // namespace bourse::net::api
