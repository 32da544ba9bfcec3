#include "tests/net/exchange_api_fixture.hpp"

#include "actors/common/checked_math.hpp"

#include <gtest/gtest.h>

namespace bourse::net::api {
namespace {

class overview_api_test : public exchange_api_test {
protected:
  boost::json::object ticker_of(const std::string& symbol) {
    auto res = get(server_->port(), "/api/v1/ticker");
    EXPECT_EQ(res.result(), bhttp::status::ok);
    auto body = json(res);
    for (const auto& t : body.at("tickers").as_array())
      if (t.as_object().at("symbol").as_string() == symbol)
        return t.as_object();
    ADD_FAILURE() << symbol;
    return {};
  }
};

TEST_F(overview_api_test, ticker_lists_every_symbol_with_top_of_book_and_change) {
  ASSERT_EQ(place(R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})").result(),
            bhttp::status::created);
  auto aaa = ticker_of("AAA");
  EXPECT_EQ(aaa.at("bid").as_int64(), 9900);
  EXPECT_EQ(aaa.at("bid_qty").as_int64(), 10);
  EXPECT_EQ(aaa.at("ask").as_int64(), 0);
  EXPECT_EQ(aaa.at("last").as_int64(), 0);
  EXPECT_EQ(aaa.at("change").as_int64(), 0);
  EXPECT_EQ(aaa.at("reference_price").as_int64(), 10'000);
  EXPECT_EQ(ticker_of("BBB").at("bid").as_int64(), 0);

  issue_shares(bob, "AAA", 100);
  trade(10'100, 3);
  aaa = ticker_of("AAA");
  EXPECT_EQ(aaa.at("last").as_int64(), 10'100);
  EXPECT_EQ(aaa.at("change").as_int64(), 100);
  EXPECT_EQ(aaa.at("volume").as_int64(), 3);
}

TEST_F(overview_api_test, trades_come_newest_first_from_a_bounded_tape) {
  issue_shares(bob, "AAA", 100);
  for (cents price : {10'000, 10'005, 10'010, 10'015, 10'020, 10'025})
    trade(price, 1);
  // The ticker answering with the last trade means the market-data actor has sent every print
  // to the tape before this request.
  ASSERT_EQ(ticker_of("AAA").at("last").as_int64(), 10'025);
  auto res = get(server_->port(), "/api/v1/markets/AAA/trades?limit=10");
  ASSERT_EQ(res.result(), bhttp::status::ok) << res.body();
  auto trades = json(res).at("trades").as_array();
  ASSERT_EQ(trades.size(), tape_capacity);
  EXPECT_EQ(trades[0].as_object().at("price").as_int64(), 10'025);
  EXPECT_EQ(trades[0].as_object().at("aggressor").as_string(), "BUY");
  EXPECT_EQ(trades[3].as_object().at("price").as_int64(), 10'010);
  auto two = json(get(server_->port(), "/api/v1/markets/AAA/trades?limit=2")).at("trades").as_array();
  ASSERT_EQ(two.size(), 2U);
  EXPECT_EQ(two[1].as_object().at("price").as_int64(), 10'020);
  EXPECT_TRUE(json(get(server_->port(), "/api/v1/markets/BBB/trades")).at("trades").as_array().empty());
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/ZZZ/trades")), "UNKNOWN_SYMBOL");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/AAA/trades?limit=0")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/markets/AAA/trades?limit=x")), "MALFORMED_REQUEST");
}

TEST_F(overview_api_test, leaderboard_ranks_by_equity_at_the_last_price_with_owner_names) {
  issue_shares(bob, "AAA", 100);
  trade(10'100, 10);
  // Alice: 100'000'000 - 101'000 cash - her taker fee + 10 x 10'100; Bob (maker, no fee):
  // 100'000'000 + 101'000 + 90 x 10'100 (marked at the last trade, not the 10'000 reference).
  const auto taker_fee = *checked_bps_ceil(101'000, ex_.instruments->current().at("AAA").taker_fee_bps);
  auto res = get(server_->port(), "/api/v1/leaderboard");
  ASSERT_EQ(res.result(), bhttp::status::ok) << res.body();
  auto rows = json(res).at("leaderboard").as_array();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].as_object().at("account_id").as_int64(), static_cast<std::int64_t>(bob));
  EXPECT_EQ(rows[0].as_object().at("rank").as_int64(), 1);
  EXPECT_EQ(rows[0].as_object().at("net_worth").as_int64(), 101'010'000);
  EXPECT_EQ(rows[0].as_object().at("holdings").as_int64(), 909'000);
  EXPECT_EQ(rows[0].as_object().at("username").as_string(), "user" + std::to_string(bob));
  EXPECT_EQ(rows[0].as_object().at("kind").as_string(), "PLAYER");
  EXPECT_EQ(rows[1].as_object().at("account_id").as_int64(), static_cast<std::int64_t>(alice));
  EXPECT_EQ(rows[1].as_object().at("net_worth").as_int64(), 100'000'000 - taker_fee);
  auto top = json(get(server_->port(), "/api/v1/leaderboard?limit=1")).at("leaderboard").as_array();
  EXPECT_EQ(top.size(), 1U);
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/leaderboard?limit=0")), "MALFORMED_REQUEST");
}

} // namespace
} // namespace bourse::net::api
