// An instrument listed at runtime (POST /api/v1/admin/instruments) on a bourse-node child process
// is durable: after a graceful restart on the same data directory the node lists it again, with
// its book and the positions traded in it, and it keeps trading.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <chrono>

#include "actors/common/types.hpp"
#include "net/auth/access_token.hpp"
#include "tests/crash/node_client.hpp"
#include "tests/crash/node_process.hpp"

namespace bourse::test {
namespace {

namespace json = boost::json;

constexpr auto start_timeout = std::chrono::seconds(BOURSE_CRASH_START_TIMEOUT_S);

const std::string newco = R"({"symbol":"NEWCO","name":"New Company","type":"BOND","tick_size":5,
  "lot_size":1,"reference_price":2000,"price_band_bps":1000,"initial_margin_bps":6000,
  "maintenance_margin_bps":3000})";

/// An admin token for the node's secret (the route checks the role the token carries).
std::string admin_token() {
  const net::access_token_codec codec(node_jwt_secret, "bourse", "bourse-api", 900);
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  return codec.issue({1, "admin", net::role::admin, 0}, now);
}

std::string register_player(std::uint16_t port, const std::string& name) {
  const json::object credentials{{"username", name}, {"password", "listing-password"}};
  const auto reg = call_node(port, "POST", "/api/v1/auth/local/register", "", json::serialize(credentials));
  EXPECT_EQ(reg.status, 201);
  return std::string(reg.body.at("access_token").as_string());
}

std::string order(const std::string& side, cents price, quantity qty, bool margin = false) {
  return json::serialize(json::object{
      {"symbol", "NEWCO"}, {"side", side}, {"price", price}, {"quantity", qty}, {"margin", margin}});
}

std::optional<json::object> listed(std::uint16_t port, const std::string& symbol) {
  const auto all = call_node(port, "GET", "/api/v1/instruments", "");
  for (const auto& inst : all.body.at("instruments").as_array())
    if (inst.at("symbol").as_string() == symbol)
      return inst.as_object();
  return std::nullopt;
}

json::array asks(std::uint16_t port) {
  return call_node(port, "GET", "/api/v1/markets/NEWCO/book", "").body.at("asks").as_array();
}

TEST(listing, an_instrument_listed_at_runtime_survives_a_restart) {
  node_process node(BOURSE_NODE_BINARY, BOURSE_SOURCE_DIR);
  auto port = node.start(start_timeout);
  const auto admin = admin_token();
  const auto created = call_node(port, "POST", "/api/v1/admin/instruments", admin, newco);
  ASSERT_EQ(created.status, 201) << json::serialize(created.body);
  const auto seller = register_player(port, "seller");
  const auto buyer = register_player(port, "buyer");
  EXPECT_EQ(call_node(port, "POST", "/api/v1/admin/instruments", buyer, newco).status, 403);
  ASSERT_EQ(call_node(port, "POST", "/api/v1/orders", seller, order("SELL", 2050, 10, true)).status, 201);
  ASSERT_EQ(call_node(port, "POST", "/api/v1/orders", buyer, order("BUY", 2050, 4)).status, 201);

  node.stop_gracefully();
  port = node.start(start_timeout);

  const auto again = listed(port, "NEWCO");
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, created.body.as_object());
  const auto book = asks(port);
  ASSERT_EQ(book.size(), 1U);
  EXPECT_EQ(book[0].at("price").as_int64(), 2050);
  EXPECT_EQ(book[0].at("qty").as_int64(), 6);
  const auto account = call_node(port, "GET", "/api/v1/account", buyer);
  ASSERT_EQ(account.status, 200);
  const auto& positions = account.body.at("positions").as_array();
  ASSERT_EQ(positions.size(), 1U);
  EXPECT_EQ(positions[0].at("symbol").as_string(), "NEWCO");
  EXPECT_EQ(positions[0].at("spot").as_int64(), 4);

  const auto duplicate = call_node(port, "POST", "/api/v1/admin/instruments", admin, newco);
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.body.at("code").as_string(), "SYMBOL_LISTED");
  ASSERT_EQ(call_node(port, "POST", "/api/v1/orders", buyer, order("BUY", 2050, 6)).status, 201);
  EXPECT_TRUE(asks(port).empty());
}

} // namespace
} // namespace bourse::test
