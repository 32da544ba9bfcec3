#include "net/ws/ws_endpoint.hpp"

#include "actors/runtime/exchange.hpp"
#include "actors/runtime/message_types.hpp"
#include "net/http/server.hpp"
#include "tests/net/ws_client.hpp"

#include <boost/json/serialize.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <gtest/gtest.h>

namespace bourse::net::ws {
namespace {

using boost::json::object;
using test::ws_client;

const std::string secret = "0123456789abcdef0123456789abcdef";
constexpr account_id alice = 1;
constexpr account_id bob = 2;

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

std::string text(const object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}

class ws_test : public ::testing::Test {
protected:
  void SetUp() override {
    exchange_config cfg;
    cfg.starting_cash = 100'000'000;
    ex_ = build_exchange(sys_, {stock("AAA"), stock("BBB")}, cfg);
    config::settings s;
    s.node.port = 0;
    s.node.openapi_path.clear();
    s.limits.ws_frame_limit_bytes = 1'024;
    s.limits.ws_messages_per_s = 1'000;
    caf::scoped_actor self{sys_};
    self->request(ex_.where->account(alice), std::chrono::seconds(5), bourse::atoms::deposit::value,
                  std::string("AAA"), quantity{100})
        .receive([](reason_code code) { ASSERT_EQ(code, reason_code::none); },
                 [](caf::error& err) { FAIL() << caf::to_string(err); });
    endpoint_ = std::make_unique<ws_endpoint>(
        sys_, session_config_from(s.limits, ex_.where, ex_.instruments, &codec_), s.limits);
    server_ = std::make_unique<http::server>(s, http::router{}, &codec_);
    server_->set_upgrade_handler("/ws", endpoint_.get());
    server_->start();
  }

  void TearDown() override {
    server_.reset();
    shutdown(ex_);
  }

  std::string token(account_id user, std::int64_t now_s = http::unix_seconds()) {
    return codec_.issue({user, "user" + std::to_string(user), role::player, 0}, now_s);
  }

  /// A client authenticated at the handshake through the bearer subprotocol.
  std::unique_ptr<ws_client> signed_in(account_id user) {
    auto client = std::make_unique<ws_client>();
    EXPECT_FALSE(client->connect(port(), {{"Sec-WebSocket-Protocol", "bourse, bearer." + token(user)}}));
    return client;
  }

  std::uint16_t port() const { return server_->port(); }

  static std::string order(const std::string& id, const std::string& side, std::int64_t price,
                           std::int64_t qty) {
    return boost::json::serialize(object{{"op", "order.new"},
                                         {"id", id},
                                         {"symbol", "AAA"},
                                         {"side", side},
                                         {"type", "LIMIT"},
                                         {"price", price},
                                         {"quantity", qty}});
  }

  system_config cfg_;
  caf::actor_system sys_{cfg_};
  exchange ex_;
  access_token_codec codec_{secret, "bourse", "bourse-api", 900};
  std::unique_ptr<ws_endpoint> endpoint_;
  std::unique_ptr<http::server> server_;
};

TEST_F(ws_test, a_symbol_listed_at_runtime_has_book_trades_and_ticker_channels) {
  auto ticker_viewer = std::make_unique<ws_client>();
  ASSERT_FALSE(ticker_viewer->connect(port()));
  ticker_viewer->send(R"({"op":"subscribe","channels":["ticker"]})");
  ASSERT_TRUE(ticker_viewer->next_on("ticker"));
  auto viewer = std::make_unique<ws_client>();
  ASSERT_FALSE(viewer->connect(port()));
  viewer->send(R"({"op":"subscribe","channels":["book.NEW"]})");
  auto unknown = viewer->next_where([](const object& f) { return f.contains("code"); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(text(*unknown, "code"), "UNKNOWN_SYMBOL");

  ASSERT_TRUE(list_instrument(ex_, stock("NEW")));
  EXPECT_FALSE(list_instrument(ex_, stock("NEW")));
  caf::scoped_actor self{sys_};
  self->request(ex_.where->account(alice), std::chrono::seconds(5), bourse::atoms::deposit::value,
                std::string("NEW"), quantity{10})
      .receive([](reason_code code) { ASSERT_EQ(code, reason_code::none); },
               [](caf::error& err) { FAIL() << caf::to_string(err); });
  auto new_order = [](const std::string& id, const std::string& side) {
    return boost::json::serialize(object{{"op", "order.new"},
                                         {"id", id},
                                         {"symbol", "NEW"},
                                         {"side", side},
                                         {"type", "LIMIT"},
                                         {"price", 10'000},
                                         {"quantity", 2}});
  };
  auto seller = signed_in(alice);
  seller->send(new_order("s1", "SELL"));
  ASSERT_EQ(text(*seller->reply_to("s1"), "type"), "result");
  seller->send(new_order("s2", "SELL"));
  ASSERT_EQ(text(*seller->reply_to("s2"), "type"), "result");
  auto buyer = signed_in(bob);
  buyer->send(new_order("b1", "BUY"));
  ASSERT_EQ(text(*buyer->reply_to("b1"), "type"), "result");

  // No session follows NEW's own channels yet: the ticker subscriber that joined before the listing
  // gets NEW through the fan-out following every listed symbol.
  auto ticker = ticker_viewer->next_where([](const object& f) {
    return f.contains("data") && f.at("data").is_object() && f.at("data").as_object().contains("symbol") &&
           f.at("data").at("symbol").as_string() == "NEW" && f.at("data").at("last").as_int64() == 10'000;
  });
  ASSERT_TRUE(ticker);
  EXPECT_EQ(ticker->at("data").at("volume").as_int64(), 2);

  viewer->send(R"({"op":"subscribe","channels":["book.NEW","trades.NEW"]})");
  auto snapshot = viewer->next_on("book.NEW");
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(text(*snapshot, "type"), "snapshot");
  ASSERT_EQ(snapshot->at("data").at("asks").as_array().size(), 1U);
  EXPECT_EQ(snapshot->at("data").at("asks").as_array()[0].at("qty").as_int64(), 2);
  buyer->send(new_order("b2", "BUY"));
  ASSERT_EQ(text(*buyer->reply_to("b2"), "type"), "result");
  std::optional<object> trade;
  std::optional<object> delta;
  while (!trade || !delta) {
    auto frame = viewer->next();
    ASSERT_TRUE(frame);
    if (!frame->contains("channel"))
      continue;
    if (frame->at("channel").as_string() == "trades.NEW" && text(*frame, "type") == "trade")
      trade = frame;
    if (frame->at("channel").as_string() == "book.NEW" && text(*frame, "type") == "delta")
      delta = frame;
  }
  EXPECT_EQ(trade->at("data").at("qty").as_int64(), 2);
  EXPECT_EQ(delta->at("data").at("changes").as_array().at(0).at("qty").as_int64(), 0);
}

TEST_F(ws_test, book_snapshot_then_gap_free_deltas_after_a_trade) {
  auto viewer = std::make_unique<ws_client>();
  ASSERT_FALSE(viewer->connect(port()));
  viewer->send(R"({"op":"subscribe","channels":["book.AAA","trades.AAA"]})");
  auto snapshot = viewer->next_on("book.AAA");
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(text(*snapshot, "type"), "snapshot");
  auto seq = snapshot->at("seq").to_number<std::uint64_t>();
  EXPECT_TRUE(snapshot->at("data").at("asks").as_array().empty());

  auto seller = signed_in(alice);
  seller->send(order("s1", "SELL", 10'000, 10));
  auto placed = seller->reply_to("s1");
  ASSERT_TRUE(placed);
  ASSERT_EQ(text(*placed, "type"), "result") << boost::json::serialize(*placed);
  auto first = viewer->next_on("book.AAA");
  ASSERT_TRUE(first);
  EXPECT_EQ(text(*first, "type"), "delta");
  EXPECT_EQ(first->at("seq").to_number<std::uint64_t>(), seq + 1);
  auto change = first->at("data").at("changes").as_array().at(0).as_object();
  EXPECT_EQ(text(change, "side"), "SELL");
  EXPECT_EQ(change.at("price").as_int64(), 10'000);
  EXPECT_EQ(change.at("qty").as_int64(), 10);

  auto buyer = signed_in(bob);
  buyer->send(order("b1", "BUY", 10'000, 4));
  ASSERT_EQ(text(*buyer->reply_to("b1"), "type"), "result");
  auto trade = viewer->next_on("trades.AAA");
  ASSERT_TRUE(trade);
  EXPECT_EQ(text(*trade, "type"), "trade");
  EXPECT_EQ(trade->at("data").at("qty").as_int64(), 4);
  EXPECT_EQ(text(trade->at("data").as_object(), "aggressor"), "BUY");
  auto second = viewer->next_on("book.AAA");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->at("seq").to_number<std::uint64_t>(), seq + 2);
  EXPECT_EQ(second->at("data").at("changes").as_array().at(0).at("qty").as_int64(), 6);
}

TEST_F(ws_test, order_new_echoes_the_request_id_and_rejects_with_a_code) {
  auto client = signed_in(alice);
  client->send(order("r-42", "BUY", 9'900, 3));
  auto ok = client->reply_to("r-42");
  ASSERT_TRUE(ok);
  ASSERT_EQ(text(*ok, "type"), "result");
  EXPECT_GT(ok->at("data").at("order_id").to_number<std::uint64_t>(), 0U);
  EXPECT_EQ(text(ok->at("data").as_object(), "symbol"), "AAA");

  client->send(order("r-43", "BUY", 9'901, 3));
  auto off_tick = client->reply_to("r-43");
  ASSERT_TRUE(off_tick);
  EXPECT_EQ(text(*off_tick, "type"), "error");
  EXPECT_EQ(text(*off_tick, "code"), "OFF_TICK");

  auto id = ok->at("data").at("order_id").to_number<std::uint64_t>();
  client->send(boost::json::serialize(object{{"op", "order.cancel"}, {"id", "c1"}, {"order_id", id}}));
  auto cancelled = client->reply_to("c1");
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(text(*cancelled, "type"), "result");
  client->send(boost::json::serialize(object{{"op", "order.cancel"}, {"id", "c2"}, {"order_id", id}}));
  EXPECT_EQ(text(*client->reply_to("c2"), "code"), "UNKNOWN_ORDER");
}

TEST_F(ws_test, bad_json_gets_an_error_and_the_connection_stays_usable) {
  ws_client client;
  ASSERT_FALSE(client.connect(port()));
  client.send("{not json");
  auto error = client.next();
  ASSERT_TRUE(error);
  EXPECT_EQ(text(*error, "type"), "error");
  EXPECT_EQ(text(*error, "code"), "MALFORMED_REQUEST");
  client.send(R"({"op":"ping","id":"p1"})");
  auto pong = client.reply_to("p1");
  ASSERT_TRUE(pong);
  EXPECT_EQ(text(*pong, "type"), "pong");
}

TEST_F(ws_test, oversize_frame_closes_the_connection) {
  ws_client client;
  ASSERT_FALSE(client.connect(port()));
  client.send(R"({"op":"ping","pad":")" + std::string(2'000, 'x') + R"("})");
  EXPECT_FALSE(client.next());
  EXPECT_TRUE(client.last_error);
  // The server closes with 1009; its kernel may reset the socket (our frame is unread) before the close
  // frame arrives, so the code is checked whenever the close frame made it.
  if (client.last_error == boost::beast::websocket::error::closed) {
    EXPECT_EQ(client.close_code(), boost::beast::websocket::close_code::too_big);
  }
}

TEST_F(ws_test, cross_origin_upgrade_is_refused) {
  ws_client client;
  EXPECT_TRUE(client.connect(port(), {{"Origin", "https://evil.example"}}));
  EXPECT_EQ(client.refusal.result(), boost::beast::http::status::forbidden);
  EXPECT_EQ(text(boost::json::parse(client.refusal.body()).as_object(), "code"), "ORIGIN_NOT_ALLOWED");

  ws_client allowed;
  EXPECT_FALSE(allowed.connect(port(), {{"Origin", "http://127.0.0.1:8080"}}));
}

TEST_F(ws_test, forged_handshake_token_is_refused) {
  ws_client client;
  EXPECT_TRUE(client.connect(port(), {{"Cookie", "access_token=" + token(alice) + "x"}}));
  EXPECT_EQ(client.refusal.result(), boost::beast::http::status::unauthorized);
  EXPECT_EQ(text(boost::json::parse(client.refusal.body()).as_object(), "code"), "TOKEN_INVALID");
}

TEST_F(ws_test, private_channels_need_authentication) {
  ws_client client;
  ASSERT_FALSE(client.connect(port()));
  client.send(R"({"op":"subscribe","id":"s1","channels":["account"]})");
  auto denied = client.reply_to("s1");
  ASSERT_TRUE(denied);
  EXPECT_EQ(text(*denied, "code"), "UNAUTHENTICATED");
  client.send(order("o1", "BUY", 9'900, 1));
  EXPECT_EQ(text(*client.reply_to("o1"), "code"), "UNAUTHENTICATED");

  client.send(boost::json::serialize(object{{"op", "auth"}, {"id", "a1"}, {"token", token(alice)}}));
  EXPECT_EQ(text(*client.reply_to("a1"), "type"), "result");
  client.send(R"({"op":"subscribe","channels":["account","orders"]})");
  auto account = client.next_on("account");
  ASSERT_TRUE(account);
  EXPECT_EQ(text(*account, "type"), "snapshot");
  EXPECT_EQ(account->at("data").at("cash").at("free").as_int64(), 100'000'000);
  client.send(order("o2", "BUY", 9'900, 1));
  auto event = client.next_where([](const object& f) {
    return f.contains("channel") && f.at("channel").as_string() == "orders" &&
           f.at("type").as_string() == "order";
  });
  ASSERT_TRUE(event);
  EXPECT_EQ(text(event->at("data").as_object(), "status"), "OPEN");
  EXPECT_EQ(event->at("data").at("price").as_int64(), 9'900);
}

TEST_F(ws_test, a_crossing_order_sends_a_fill_on_the_orders_channel) {
  auto seller = signed_in(alice);
  auto buyer = signed_in(bob);
  auto on_orders = [](std::string_view type) {
    return [type](const object& f) {
      return f.contains("channel") && f.at("channel").as_string() == "orders" &&
             f.at("type").as_string() == type;
    };
  };
  seller->send(R"({"op":"subscribe","channels":["orders"]})");
  buyer->send(R"({"op":"subscribe","channels":["orders"]})");
  ASSERT_TRUE(seller->next_where(on_orders("snapshot")));
  ASSERT_TRUE(buyer->next_where(on_orders("snapshot")));
  seller->send(order("s1", "SELL", 10'000, 2));
  ASSERT_TRUE(seller->next_where(on_orders("order")));
  buyer->send(order("b1", "BUY", 10'000, 2));
  auto fill = buyer->next_where(on_orders("fill"));
  ASSERT_TRUE(fill);
  const auto& data = fill->at("data").as_object();
  EXPECT_EQ(text(data, "symbol"), "AAA");
  EXPECT_EQ(text(data, "side"), "BUY");
  EXPECT_EQ(data.at("quantity").as_int64(), 2);
  EXPECT_EQ(data.at("price").as_int64(), 10'000);
  EXPECT_EQ(text(data, "liquidity"), "TAKER");
  auto sold = seller->next_where(on_orders("fill"));
  ASSERT_TRUE(sold);
  EXPECT_EQ(text(sold->at("data").as_object(), "side"), "SELL");
  EXPECT_EQ(text(sold->at("data").as_object(), "liquidity"), "MAKER");
  EXPECT_EQ(sold->at("data").at("seq"), data.at("seq"));
}

TEST_F(ws_test, expired_handshake_token_is_refused_with_its_code) {
  ws_client client;
  EXPECT_TRUE(
      client.connect(port(), {{"Cookie", "access_token=" + token(alice, http::unix_seconds() - 3'600)}}));
  EXPECT_EQ(text(boost::json::parse(client.refusal.body()).as_object(), "code"), "TOKEN_EXPIRED");
}

} // namespace
} // namespace bourse::net::ws
