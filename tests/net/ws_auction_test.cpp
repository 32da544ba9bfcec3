#include "actors/auction/account_bank.hpp"
#include "actors/runtime/exchange.hpp"
#include "actors/runtime/message_types.hpp"
#include "net/api/auction_api.hpp"
#include "net/http/server.hpp"
#include "net/ws/ws_endpoint.hpp"
#include "tests/net/http_client.hpp"
#include "tests/net/ws_client.hpp"

#include <boost/json/parse.hpp>
#include <caf/actor_system_config.hpp>
#include <gtest/gtest.h>

namespace bourse::net::ws {
namespace {

namespace bhttp = boost::beast::http;
using test::ws_client;

constexpr account_id auctioneer = 50;
constexpr account_id ann = 1;
constexpr account_id ben = 2;

struct system_config : caf::actor_system_config {
  system_config() {
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
    add_auction_message_types(*this);
  }
};

class ws_auction_test : public ::testing::Test {
protected:
  void SetUp() override {
    config::settings s;
    s.node.port = 0;
    s.node.openapi_path.clear();
    s.limits.requests_per_s_per_user = 10'000;
    s.limits.requests_per_s_per_ip = 10'000;
    s.limits.ws_messages_per_s = 1'000;
    auto cfg = session_config_from(s.limits, std::make_shared<placement>(),
                                   std::make_shared<instrument_registry>(), &codec_);
    cfg.auction_lookup = [this](lot_id id) { return lots_.find(id); };
    endpoint_ = std::make_unique<ws_endpoint>(sys_, cfg, s.limits);
    http::router routes;
    api_.add_routes(routes);
    server_ = std::make_unique<http::server>(s, std::move(routes), &codec_);
    server_->set_upgrade_handler("/ws", endpoint_.get());
    server_->start();
  }

  void TearDown() override {
    server_.reset();
    lots_.stop();
    shutdown(ex_);
  }

  std::string token(account_id user, role r) {
    return codec_.issue({user, "user" + std::to_string(user), r, 0}, http::unix_seconds());
  }

  test::response post(const std::string& target, const std::string& body, account_id user, role r) {
    return test::fetch(server_->port(), bhttp::verb::post, target, body,
                       {{"Authorization", "Bearer " + token(user, r)}, {"Content-Type", "application/json"}});
  }

  test::response bid(lot_id id, account_id who, cents amount) {
    return post("/api/v1/auctions/" + std::to_string(id) + "/bids",
                R"({"amount":)" + std::to_string(amount) + "}", who, role::player);
  }

  std::unique_ptr<ws_client> joined(account_id user, const std::string& channel) {
    auto client = std::make_unique<ws_client>();
    EXPECT_FALSE(client->connect(
        server_->port(), {{"Sec-WebSocket-Protocol", "bourse, bearer." + token(user, role::player)}}));
    client->send(R"({"op":"subscribe","id":"j","channels":[")" + channel + R"("]})");
    return client;
  }

  /// The next non-timer event of channel.
  static boost::json::object event(ws_client& client, const std::string& channel) {
    auto frame = client.next_where([&](const boost::json::object& f) {
      return f.contains("channel") && f.at("channel").as_string() == channel &&
             f.at("type").as_string() != "timer";
    });
    EXPECT_TRUE(frame.has_value()) << channel;
    return frame.value_or(boost::json::object{});
  }

  system_config cfg_;
  caf::actor_system sys_{cfg_};
  access_token_codec codec_{"0123456789abcdef0123456789abcdef", "bourse", "bourse-api", 900};
  /// The trading accounts (opened with 1'000'000 cents) behind the auctions' bank.
  exchange ex_ = build_exchange(sys_, {}, [] {
    exchange_config cfg;
    cfg.starting_cash = 1'000'000;
    return cfg;
  }());
  api::auction_registry lots_{sys_, spawn_account_bank(sys_, ex_.where)};
  api::auction_api api_{sys_, lots_, std::chrono::seconds(5)};
  std::unique_ptr<ws_endpoint> endpoint_;
  std::unique_ptr<http::server> server_;
};

TEST_F(ws_auction_test, bidders_see_state_bids_extensions_and_the_end) {
  auto created = post("/api/v1/auctions",
                      R"({"title":"Painting","item_ref":"art-1","start_price":1000,"increment":100,)"
                      R"("duration_s":1,"extension_window_s":3,"extension_s":2,"start":"now"})",
                      auctioneer, role::auctioneer);
  ASSERT_EQ(created.result(), bhttp::status::created) << created.body();
  auto id = boost::json::parse(created.body()).at("id").to_number<lot_id>();
  const auto channel = "auction." + std::to_string(id);

  auto unknown = joined(ann, "auction.999");
  auto refused = unknown->reply_to("j");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->at("code").as_string(), "NOT_FOUND");

  std::vector<std::unique_ptr<ws_client>> clients;
  clients.push_back(joined(ann, channel));
  clients.push_back(joined(ben, channel));
  for (auto& c : clients) {
    auto state = event(*c, channel);
    EXPECT_EQ(state.at("type").as_string(), "state");
    EXPECT_EQ(state.at("data").at("title").as_string(), "Painting");
    EXPECT_EQ(state.at("data").at("status").as_string(), "RUNNING");
  }

  ASSERT_EQ(bid(id, ann, 1000).result(), bhttp::status::created);
  EXPECT_EQ(test::code_of(bid(id, ben, 1000)), "OUTBID");
  ASSERT_EQ(bid(id, ben, 1100).result(), bhttp::status::created);

  for (auto& c : clients) {
    auto first = event(*c, channel);
    ASSERT_EQ(first.at("type").as_string(), "bid");
    EXPECT_EQ(first.at("data").at("amount").as_int64(), 1000);
    EXPECT_EQ(first.at("data").at("bidder").as_int64(), static_cast<std::int64_t>(ann));
    EXPECT_EQ(event(*c, channel).at("type").as_string(), "extended");
    auto second = event(*c, channel);
    ASSERT_EQ(second.at("type").as_string(), "bid");
    EXPECT_EQ(second.at("data").at("amount").as_int64(), 1100);
    EXPECT_EQ(second.at("seq").as_int64(), first.at("seq").as_int64() + 2);
    auto extended = event(*c, channel);
    ASSERT_EQ(extended.at("type").as_string(), "extended");
    EXPECT_GT(extended.at("data").at("end_time_ms").as_int64(), 0);
    auto ended = event(*c, channel);
    ASSERT_EQ(ended.at("type").as_string(), "ended");
    EXPECT_TRUE(ended.at("data").at("sold").as_bool());
    EXPECT_EQ(ended.at("data").at("winner").as_int64(), static_cast<std::int64_t>(ben));
    EXPECT_EQ(ended.at("data").at("final_price").as_int64(), 1100);
    EXPECT_EQ(ended.at("data").at("settlement").as_string(), "NONE");
  }
}

} // namespace
} // namespace bourse::net::ws
