#include "net/api/auction_api.hpp"

#include "actors/auction/account_bank.hpp"
#include "actors/runtime/exchange.hpp"
#include "actors/runtime/message_types.hpp"
#include "net/http/server.hpp"
#include "tests/net/http_client.hpp"
#include "tests/net/openapi_paths.hpp"

#include <boost/json/parse.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <gtest/gtest.h>

namespace bourse::net::api {
namespace {

using namespace bourse::net::test; // NOLINT(google-build-using-namespace)
namespace bhttp = boost::beast::http;

constexpr account_id auctioneer = 50;
constexpr account_id ann = 1;
constexpr account_id ben = 2;
constexpr cents wallet_cash = 1'000'000;

struct system_config : caf::actor_system_config {
  system_config() {
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
    add_auction_message_types(*this);
  }
};

class auction_api_test : public ::testing::Test {
protected:
  void SetUp() override {
    http::router routes;
    api_.add_routes(routes);
    config::settings s;
    s.node.port = 0;
    s.node.openapi_path.clear();
    s.limits.requests_per_s_per_user = 10'000;
    s.limits.requests_per_s_per_ip = 10'000;
    server_ = std::make_unique<http::server>(s, std::move(routes), &codec_);
    server_->start();
  }

  void TearDown() override {
    server_.reset();
    lots_.stop();
    shutdown(ex_);
  }

  response call(bhttp::verb method, const std::string& target, const std::string& body, account_id user,
                role r = role::player) {
    std::map<std::string, std::string> headers{
        {"Authorization",
         "Bearer " + codec_.issue({user, "user" + std::to_string(user), r, 0}, http::unix_seconds())},
        {"Content-Type", "application/json"}};
    return fetch(server_->port(), method, target, body, headers);
  }

  response bid(lot_id id, account_id who, cents amount) {
    return call(bhttp::verb::post, "/api/v1/auctions/" + std::to_string(id) + "/bids",
                R"({"amount":)" + std::to_string(amount) + "}", who);
  }

  lot_id create(const std::string& body) {
    auto res = call(bhttp::verb::post, "/api/v1/auctions", body, auctioneer, role::auctioneer);
    EXPECT_EQ(res.result(), bhttp::status::created) << res.body();
    return json(res).at("id").to_number<lot_id>();
  }

  boost::json::object lot(lot_id id) {
    return json(get(server_->port(), "/api/v1/auctions/" + std::to_string(id)));
  }

  static boost::json::object json(const response& res) { return boost::json::parse(res.body()).as_object(); }

  system_config cfg_;
  caf::actor_system sys_{cfg_};
  access_token_codec codec_{"0123456789abcdef0123456789abcdef", "bourse", "bourse-api", 900};
  /// The trading accounts (opened with wallet_cash cents) behind the auctions' bank.
  exchange ex_ = build_exchange(sys_, {}, [] {
    exchange_config cfg;
    cfg.starting_cash = wallet_cash;
    return cfg;
  }());
  auction_registry lots_{sys_, spawn_account_bank(sys_, ex_.where)};
  auction_api api_{sys_, lots_, std::chrono::seconds(5)};
  std::unique_ptr<http::server> server_;
};

TEST_F(auction_api_test, create_start_two_bidders_extension_and_end) {
  // Every accepted bid has less than the 3 s window left, so it moves the end to bid time + 2 s.
  auto id = create(R"({"title":"Painting","item_ref":"art-1","start_price":1000,"increment":100,)"
                   R"("duration_s":1,"extension_window_s":3,"extension_s":2})");
  EXPECT_EQ(lot(id).at("status").as_string(), "SCHEDULED");
  EXPECT_EQ(code_of(bid(id, ann, 1000)), "AUCTION_NOT_RUNNING");

  caf::scoped_actor watcher{sys_};
  watcher->send(lots_.find(id), atoms::subscribe::value, caf::actor_cast<auction_subscriber>(watcher));
  auto started = call(bhttp::verb::post, "/api/v1/auctions/" + std::to_string(id) + "/start", {}, auctioneer,
                      role::auctioneer);
  ASSERT_EQ(started.result(), bhttp::status::ok) << started.body();
  auto before = lot(id);
  EXPECT_EQ(before.at("status").as_string(), "RUNNING");
  const auto first_end = before.at("end_time").as_int64();

  ASSERT_EQ(bid(id, ann, 1000).result(), bhttp::status::created);
  EXPECT_EQ(code_of(bid(id, ben, 1000)), "OUTBID");
  EXPECT_EQ(code_of(bid(id, ben, 1050)), "BID_TOO_LOW");
  EXPECT_EQ(code_of(bid(id, ben, wallet_cash + 1)), "INSUFFICIENT_BUYING_POWER");
  auto raised = bid(id, ben, 1100);
  ASSERT_EQ(raised.result(), bhttp::status::created) << raised.body();
  EXPECT_EQ(json(raised).at("min_next_bid").as_int64(), 1200);
  EXPECT_EQ(code_of(bid(id, ben, 1300)), "SELF_OUTBID");
  auto during = lot(id);
  EXPECT_GT(during.at("end_time").as_int64(), first_end);
  EXPECT_EQ(during.at("high_bid").as_int64(), 1100);
  EXPECT_EQ(during.at("high_bidder").as_int64(), static_cast<std::int64_t>(ben));
  EXPECT_EQ(during.at("bids").as_array().size(), 2U);

  // The watcher sees the state on join and at the start, both bids with their extensions, the end.
  std::vector<auction_event_kind> kinds;
  bool ended = false;
  while (!ended) {
    watcher->receive(
        [&](const auction_event& e) { kinds.push_back(e.kind), ended = e.kind == auction_event_kind::ended; },
        caf::after(std::chrono::seconds(10)) >> [&] { ended = true, ADD_FAILURE() << "no end"; });
  }
  kinds.erase(std::remove(kinds.begin(), kinds.end(), auction_event_kind::timer), kinds.end());
  EXPECT_EQ(kinds, (std::vector<auction_event_kind>{auction_event_kind::state, auction_event_kind::state,
                                                    auction_event_kind::bid, auction_event_kind::extended,
                                                    auction_event_kind::bid, auction_event_kind::extended,
                                                    auction_event_kind::ended}));
  auto result = lot(id);
  EXPECT_EQ(result.at("status").as_string(), "ENDED");
  EXPECT_TRUE(result.at("sold").as_bool());
  EXPECT_EQ(result.at("winner").as_int64(), static_cast<std::int64_t>(ben));
  EXPECT_EQ(result.at("final_price").as_int64(), 1100);
  EXPECT_EQ(code_of(bid(id, ann, 1200)), "AUCTION_NOT_RUNNING");

  // The painting is ben's: on the lot and in his items, not in ann's.
  ASSERT_TRUE(result.at("settled").as_bool());
  const auto& item = result.at("item").as_object();
  EXPECT_EQ(item.at("item_ref").as_string(), "art-1");
  EXPECT_EQ(item.at("owner").as_int64(), static_cast<std::int64_t>(ben));
  auto owned = call(bhttp::verb::get, "/api/v1/account/items", {}, ben);
  ASSERT_EQ(owned.result(), bhttp::status::ok) << owned.body();
  const auto owned_json = json(owned);
  const auto& items = owned_json.at("items").as_array();
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].at("lot_id").as_int64(), static_cast<std::int64_t>(id));
  EXPECT_EQ(items[0].at("item_ref").as_string(), "art-1");
  EXPECT_EQ(items[0].at("title").as_string(), "Painting");
  EXPECT_EQ(items[0].at("price").as_int64(), 1100);
  EXPECT_TRUE(json(call(bhttp::verb::get, "/api/v1/account/items", {}, ann)).at("items").as_array().empty());
}

TEST_F(auction_api_test, every_route_is_documented_as_served) {
  http::router routes;
  api_.add_routes(routes);
  expect_served_routes_documented(routes);
}

TEST_F(auction_api_test, roles_cancel_and_bad_input) {
  const std::string body = R"({"title":"Vase","item_ref":"v-1","start_price":500,"increment":50})";
  EXPECT_EQ(code_of(call(bhttp::verb::post, "/api/v1/auctions", body, ann)), "FORBIDDEN");
  EXPECT_EQ(code_of(call(bhttp::verb::post, "/api/v1/auctions",
                         R"({"title":"x","item_ref":"i","start_price":0,"increment":1})", auctioneer,
                         role::auctioneer)),
            "INVALID_LOT");
  EXPECT_EQ(code_of(call(bhttp::verb::post, "/api/v1/auctions", R"({"title":"x","start_price":"a"})",
                         auctioneer, role::auctioneer)),
            "MALFORMED_REQUEST");
  auto quiet = create(body);
  auto busy = create(R"({"title":"Clock","item_ref":"c-1","start_price":500,"increment":50,"start":"now"})");
  EXPECT_EQ(lot(busy).at("status").as_string(), "RUNNING");
  ASSERT_EQ(bid(busy, ann, 500).result(), bhttp::status::created);

  auto cancel = [&](lot_id id) {
    return call(bhttp::verb::post, "/api/v1/auctions/" + std::to_string(id) + "/cancel", {}, auctioneer,
                role::auctioneer);
  };
  EXPECT_EQ(code_of(cancel(busy)), "AUCTION_HAS_BIDS");
  EXPECT_EQ(code_of(call(bhttp::verb::post, "/api/v1/auctions/" + std::to_string(quiet) + "/cancel", {}, 77,
                         role::auctioneer)),
            "FORBIDDEN");
  ASSERT_EQ(cancel(quiet).result(), bhttp::status::ok);
  EXPECT_EQ(lot(quiet).at("status").as_string(), "CANCELLED");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/auctions/999")), "NOT_FOUND");
  EXPECT_EQ(code_of(bid(999, ann, 500)), "NOT_FOUND");
  EXPECT_EQ(code_of(bid(busy, ann, 0) /* self outbid checked before the price */), "SELF_OUTBID");

  auto list = json(get(server_->port(), "/api/v1/auctions")).at("auctions").as_array();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].as_object().at("status").as_string(), "CANCELLED");
  EXPECT_EQ(list[1].as_object().at("high_bid").as_int64(), 500);
}

} // namespace
} // namespace bourse::net::api
