#include "tests/net/exchange_api_fixture.hpp"

#include <gtest/gtest.h>

namespace bourse::net::api {
namespace {

/// NEWCO: a bond at 20.00 with a 5-cent tick, lots of 5, a 10 % band and its own margin rates.
const std::string newco = R"({"symbol":"NEWCO","name":"New Company","type":"BOND","sector":"Energy",
  "tick_size":5,"lot_size":5,"min_quantity":5,"max_quantity":1000,"reference_price":2000,
  "price_band_bps":1000,"margin_allowed":true,"initial_margin_bps":6000,"maintenance_margin_bps":3000,
  "maker_fee_bps":0,"taker_fee_bps":10})";

class instrument_admin_test : public exchange_api_test {
protected:
  response list(const std::string& body, role r = role::admin) {
    return call(bhttp::verb::post, "/api/v1/admin/instruments", body, admin, r);
  }

  boost::json::array instruments() {
    return json(get(server_->port(), "/api/v1/instruments")).at("instruments").as_array();
  }

  std::optional<boost::json::object> ticker_of(const std::string& symbol) {
    const auto body = json(get(server_->port(), "/api/v1/ticker"));
    for (const auto& t : body.at("tickers").as_array())
      if (t.as_object().at("symbol").as_string() == symbol)
        return t.as_object();
    return std::nullopt;
  }

  response order(account_id who, const std::string& side, cents price, quantity qty) {
    return call(bhttp::verb::post, "/api/v1/orders",
                R"({"symbol":"NEWCO","side":")" + side + R"(","price":)" + std::to_string(price) +
                    R"(,"quantity":)" + std::to_string(qty) + "}",
                who);
  }
};

TEST_F(instrument_admin_test, an_admin_lists_a_symbol_that_running_accounts_then_trade) {
  // Both accounts run before the listing: they must see the new rules, not a table copied at start.
  ASSERT_EQ(call(bhttp::verb::get, "/api/v1/account", {}, alice).result(), bhttp::status::ok);
  ASSERT_EQ(call(bhttp::verb::get, "/api/v1/account", {}, bob).result(), bhttp::status::ok);
  ASSERT_FALSE(ticker_of("NEWCO"));

  auto listed = list(newco);
  ASSERT_EQ(listed.result(), bhttp::status::created) << listed.body();
  const auto body = json(listed);
  EXPECT_EQ(body.at("symbol").as_string(), "NEWCO");
  EXPECT_EQ(body.at("type").as_string(), "BOND");
  EXPECT_EQ(body.at("tick_size").as_int64(), 5);
  EXPECT_EQ(body.at("lot_size").as_int64(), 5);
  EXPECT_EQ(body.at("reference_price").as_int64(), 2000);
  EXPECT_EQ(body.at("initial_margin_bps").as_int64(), 6000);
  EXPECT_EQ(body.at("maintenance_margin_bps").as_int64(), 3000);
  EXPECT_EQ(body.at("taker_fee_bps").as_int64(), 10);

  auto all = instruments();
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[2].as_object(), body); // GET /instruments shows it as the listing answered
  auto ticker = ticker_of("NEWCO");
  ASSERT_TRUE(ticker);
  EXPECT_EQ(ticker->at("reference_price").as_int64(), 2000);
  EXPECT_EQ(ticker->at("last").as_int64(), 0);

  // The new rules apply to orders: tick, lot and band.
  EXPECT_EQ(code_of(order(alice, "BUY", 2001, 5)), "OFF_TICK");
  EXPECT_EQ(code_of(order(alice, "BUY", 2000, 7)), "OFF_LOT");
  EXPECT_EQ(code_of(order(alice, "BUY", 2500, 5)), "OUTSIDE_PRICE_BAND");

  issue_shares(bob, "NEWCO", 15);
  ASSERT_EQ(order(bob, "SELL", 2050, 15).result(), bhttp::status::created);
  ASSERT_EQ(order(alice, "BUY", 2050, 10).result(), bhttp::status::created);

  auto book = json(get(server_->port(), "/api/v1/markets/NEWCO/book"));
  ASSERT_EQ(book.at("asks").as_array().size(), 1U);
  EXPECT_EQ(book.at("asks").as_array()[0].as_object().at("price").as_int64(), 2050);
  EXPECT_EQ(book.at("asks").as_array()[0].as_object().at("qty").as_int64(), 5);
  ticker = ticker_of("NEWCO");
  ASSERT_TRUE(ticker);
  EXPECT_EQ(ticker->at("last").as_int64(), 2050);
  EXPECT_EQ(ticker->at("volume").as_int64(), 10);
  EXPECT_EQ(ticker->at("change").as_int64(), 50);
  // The ticker answering with the trade means the market-data actor has sent it to the tape.
  auto trades = json(get(server_->port(), "/api/v1/markets/NEWCO/trades")).at("trades").as_array();
  ASSERT_EQ(trades.size(), 1U);
  EXPECT_EQ(trades[0].as_object().at("qty").as_int64(), 10);

  const auto account = json(call(bhttp::verb::get, "/api/v1/account", {}, alice));
  const auto& positions = account.at("positions").as_array();
  ASSERT_EQ(positions.size(), 1U);
  EXPECT_EQ(positions[0].as_object().at("symbol").as_string(), "NEWCO");
  EXPECT_EQ(positions[0].as_object().at("spot").as_int64(), 10);
  EXPECT_EQ(positions[0].as_object().at("mark_price").as_int64(), 2050);
}

TEST_F(instrument_admin_test, only_admins_list_instruments) {
  auto player = list(newco, role::player);
  EXPECT_EQ(player.result(), bhttp::status::forbidden);
  EXPECT_EQ(code_of(player), "FORBIDDEN");
  EXPECT_EQ(code_of(list(newco, role::auctioneer)), "FORBIDDEN");
  EXPECT_EQ(code_of(fetch(server_->port(), bhttp::verb::post, "/api/v1/admin/instruments", newco)),
            "UNAUTHENTICATED");
  EXPECT_EQ(instruments().size(), 2U);
  EXPECT_EQ(code_of(order(alice, "BUY", 2000, 5)), "UNKNOWN_SYMBOL");
}

TEST_F(instrument_admin_test, a_listed_symbol_is_a_conflict) {
  auto aaa = list(R"({"symbol":"AAA","reference_price":5000})");
  EXPECT_EQ(aaa.result(), bhttp::status::conflict);
  EXPECT_EQ(code_of(aaa), "SYMBOL_LISTED");
  ASSERT_EQ(list(newco).result(), bhttp::status::created);
  auto again = list(R"({"symbol":"NEWCO","reference_price":9000})");
  EXPECT_EQ(again.result(), bhttp::status::conflict);
  EXPECT_EQ(code_of(again), "SYMBOL_LISTED");
  ASSERT_EQ(instruments().size(), 3U);
  EXPECT_EQ(instruments()[2].as_object().at("reference_price").as_int64(), 2000); // the first listing stays
}

TEST_F(instrument_admin_test, bad_bodies_get_their_code_and_list_nothing) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"symbol":"NEWCO","reference_price":2000)", "MALFORMED_REQUEST"},
      {R"([1,2])", "MALFORMED_REQUEST"},
      {R"({"reference_price":2000})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO"})", "MALFORMED_REQUEST"},
      {R"({"symbol":"","reference_price":2000})", "MALFORMED_REQUEST"},
      {R"({"symbol":"new","reference_price":2000})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEW.CO","reference_price":2000})", "MALFORMED_REQUEST"},
      {R"({"symbol":"ABCDEFGHIJKLM","reference_price":2000})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"leverage":10})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":"a lot"})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000.5})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"type":"FUTURE"})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"tick_size":0})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"lot_size":-1})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"min_quantity":10,"max_quantity":5})",
       "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"price_band_bps":0})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"initial_margin_bps":10001})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"initial_margin_bps":2000,"maintenance_margin_bps":3000})",
       "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"taker_fee_bps":-1})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":2000,"margin_allowed":"yes"})", "MALFORMED_REQUEST"},
      {R"({"symbol":"NEWCO","reference_price":0})", "INVALID_PRICE"},
      {R"({"symbol":"NEWCO","reference_price":-100})", "INVALID_PRICE"},
      {R"({"symbol":"NEWCO","reference_price":2003,"tick_size":5})", "OFF_TICK"},
  };
  for (const auto& [body, code] : cases) {
    auto res = list(body);
    EXPECT_EQ(code_of(res), code) << body;
    EXPECT_EQ(res.result(), bhttp::status::bad_request) << body;
  }
  EXPECT_EQ(instruments().size(), 2U);
}

TEST_F(instrument_admin_test, omitted_rules_take_the_defaults) {
  auto listed = list(R"({"symbol":"ZED","reference_price":1000})");
  ASSERT_EQ(listed.result(), bhttp::status::created) << listed.body();
  const auto body = json(listed);
  const instrument defaults;
  EXPECT_EQ(body.at("name").as_string(), "ZED");
  EXPECT_EQ(body.at("type").as_string(), "STOCK");
  EXPECT_EQ(body.at("tick_size").as_int64(), defaults.tick_size);
  EXPECT_EQ(body.at("max_quantity").as_int64(), defaults.max_quantity);
  EXPECT_EQ(body.at("price_band_bps").as_int64(), defaults.price_band_bps);
  EXPECT_EQ(body.at("maintenance_margin_bps").as_int64(), defaults.maintenance_margin_bps);
  EXPECT_EQ(code_of(order(alice, "BUY", 1000, 5)), "UNKNOWN_SYMBOL"); // NEWCO is not listed
  EXPECT_EQ(
      call(bhttp::verb::post, "/api/v1/orders", R"({"symbol":"ZED","side":"BUY","price":1000,"quantity":1})")
          .result(),
      bhttp::status::created);
}

} // namespace
} // namespace bourse::net::api
