// GET /account at mark prices, POST /positions/{symbol}/delivery and the order-history filters.
#include "tests/net/exchange_api_fixture.hpp"

#include <gtest/gtest.h>

namespace bourse::net::api {
namespace {

class portfolio_api_test : public exchange_api_test {
protected:
  boost::json::object account() { return json(call(bhttp::verb::get, "/api/v1/account")); }

  response deliver(const std::string& symbol, const std::string& body) {
    return call(bhttp::verb::post, "/api/v1/positions/" + symbol + "/delivery", body);
  }
};

TEST_F(portfolio_api_test, the_account_values_a_margin_long_at_the_last_trade) {
  issue_shares(bob, "AAA", 100);
  trade(10'000, 10, true);
  trade(10'100, 1); // the last trade marks AAA at 10'100
  auto acc = account();
  ASSERT_EQ(acc.at("positions").as_array().size(), 1U);
  const auto& p = acc.at("positions").as_array()[0].as_object();
  EXPECT_EQ(p.at("symbol").as_string(), "AAA");
  EXPECT_EQ(p.at("mark_price").as_int64(), 10'100);
  EXPECT_EQ(p.at("margin").as_int64(), 10);
  EXPECT_EQ(p.at("margin_avg_price").as_int64(), 10'000);
  EXPECT_EQ(p.at("spot").as_int64(), 1);
  EXPECT_EQ(p.at("spot_avg_price").as_int64(), 10'100);
  EXPECT_EQ(p.at("unrealized_pnl").as_int64(), 10 * 100);
  EXPECT_EQ(acc.at("unrealized_pnl").as_int64(), 10 * 100);
  EXPECT_EQ(acc.at("buying_power").as_int64(), acc.at("cash").as_object().at("free").as_int64());
  EXPECT_GT(acc.at("margin_level_bps").as_int64(), acc.at("maintenance_bps").as_int64());
  EXPECT_GT(acc.at("equity").as_int64(), 0);
}

TEST_F(portfolio_api_test, an_account_without_margin_has_no_margin_level) {
  auto acc = account();
  EXPECT_TRUE(acc.at("margin_level_bps").is_null());
  EXPECT_TRUE(acc.at("maintenance_bps").is_null());
  EXPECT_EQ(acc.at("equity").as_int64(), 100'000'000);
}

TEST_F(portfolio_api_test, delivery_takes_margin_shares_into_spot_and_refuses_bad_requests) {
  issue_shares(bob, "AAA", 100);
  trade(10'000, 10, true);
  auto taken = deliver("AAA", R"({"action":"TAKE","quantity":4})");
  ASSERT_EQ(taken.result(), bhttp::status::ok) << taken.body();
  EXPECT_EQ(json(taken).at("quantity").as_int64(), 4);
  const auto acc = account();
  const auto& p = acc.at("positions").as_array()[0].as_object();
  EXPECT_EQ(p.at("margin").as_int64(), 6);
  EXPECT_EQ(p.at("spot").as_int64(), 4);

  EXPECT_EQ(code_of(deliver("AAA", R"({"action":"TAKE","quantity":7})")), "INSUFFICIENT_POSITION");
  EXPECT_EQ(code_of(deliver("AAA", R"({"action":"DELIVER","quantity":1})")), "INSUFFICIENT_POSITION");
  EXPECT_EQ(code_of(deliver("AAA", R"({"action":"GIVE","quantity":1})")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(deliver("AAA", R"({"action":"TAKE","quantity":0})")), "INVALID_QUANTITY");
  EXPECT_EQ(code_of(deliver("AAA", R"({"action":"TAKE","quantity":"x"})")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(deliver("AAA", R"({"action":"TAKE"})")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(deliver("AAA", "not json")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(deliver("ZZZ", R"({"action":"TAKE","quantity":1})")), "UNKNOWN_SYMBOL");
  auto viewer = call(bhttp::verb::post, "/api/v1/positions/AAA/delivery", R"({"action":"TAKE","quantity":1})",
                     5, role::viewer);
  EXPECT_EQ(viewer.result(), bhttp::status::forbidden);
  EXPECT_EQ(account().at("positions").as_array()[0].as_object().at("margin").as_int64(), 6);
}

TEST_F(portfolio_api_test, history_filters_are_checked_before_any_database_read) {
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/orders?status=DONE")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/orders?status=ALL&limit=0")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/executions?limit=501")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/executions?symbol=ZZZ")), "UNKNOWN_SYMBOL");
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/executions?before_ns=-3")), "MALFORMED_REQUEST");
  auto open = call(bhttp::verb::get, "/api/v1/orders?status=OPEN&symbol=AAA");
  EXPECT_EQ(open.result(), bhttp::status::ok) << open.body();
}

} // namespace
} // namespace bourse::net::api
