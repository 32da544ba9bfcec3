// The equity curve: samples stored and read back, the sampler writing only what changed, and
// GET /api/v1/account/equity over a real socket.
#include "net/store/pg_equity_store.hpp"

#include "net/api/equity_api.hpp"
#include "net/api/equity_sampler.hpp"
#include "net/auth/access_token.hpp"
#include "net/http/server.hpp"
#include "tests/net/http_client.hpp"
#include "tests/persistence/durable_exchange_fixture.hpp"

#include <boost/asio/thread_pool.hpp>
#include <boost/json/parse.hpp>
#include <caf/send.hpp>

namespace bourse::test {
namespace {

using net::test::fetch;

constexpr account_id buyer = 1;
constexpr account_id seller = 2;

class pg_equity_store_test : public durable_exchange_fixture {
protected:
  void TearDown() override {
    if (sampler_)
      caf::anon_send_exit(sampler_, caf::exit_reason::user_shutdown);
    durable_exchange_fixture::TearDown();
  }

  /// Samples once through the sampler and returns how many samples it wrote (-1 on an error).
  std::int64_t sample() {
    if (!sampler_)
      sampler_ = net::api::spawn_equity_sampler(sys_, ex_, conninfo_, {.interval = std::chrono::seconds(0)});
    std::int64_t written = -1;
    self_->request(sampler_, std::chrono::seconds(30), caf::get_atom::value)
        .receive([&](std::int64_t n) { written = n; }, [](caf::error&) {});
    return written;
  }

  net::pg_link link_{conninfo_};
  net::pg_equity_store store_{link_};
  caf::actor sampler_;
};

TEST_F(pg_equity_store_test, the_newest_samples_before_a_time_read_back_oldest_first) {
  store_.append(
      {{buyer, 100, 1'000, 900}, {buyer, 200, 1'100, 900}, {buyer, 300, 1'200, 800}, {seller, 150, 5, 5}});
  store_.append({{buyer, 200, 7, 7}}); // already stored: skipped
  const std::vector<net::equity_sample> all{
      {buyer, 100, 1'000, 900}, {buyer, 200, 1'100, 900}, {buyer, 300, 1'200, 800}};
  EXPECT_EQ(store_.curve(buyer, INT64_MAX, 10), all);
  EXPECT_EQ(store_.curve(buyer, INT64_MAX, 2), std::vector<net::equity_sample>(all.begin() + 1, all.end()));
  EXPECT_EQ(store_.curve(buyer, 300, 10), std::vector<net::equity_sample>(all.begin(), all.begin() + 2));
  EXPECT_EQ(store_.curve(seller, INT64_MAX, 10), (std::vector<net::equity_sample>{{seller, 150, 5, 5}}));
  EXPECT_EQ(store_.prune(200), 2);
  EXPECT_EQ(store_.curve(buyer, INT64_MAX, 10), std::vector<net::equity_sample>(all.begin() + 1, all.end()));
}

TEST_F(pg_equity_store_test, the_sampler_writes_every_account_once_then_only_those_whose_equity_moved) {
  ASSERT_EQ(
      ask<reason_code>(ex_.where->account(seller), atoms::deposit::value, std::string{"AAA"}, quantity{10}),
      reason_code::none);
  ASSERT_EQ(ask<account_view>(ex_.where->account(buyer), caf::get_atom::value, atoms::view::value).id, buyer);
  settled_hashes();
  EXPECT_EQ(sample(), static_cast<std::int64_t>(ex_.accounts->all().size()));
  EXPECT_EQ(sample(), 0) << "nothing changed";
  ASSERT_EQ(place(seller, 1, "AAA", side::sell, 10'000, 4).reason, reason_code::none);
  ASSERT_EQ(place(buyer, 1, "AAA", side::buy, 10'000, 4).reason, reason_code::none);
  settled_hashes();
  EXPECT_EQ(sample(), 2) << "the buyer paid, the seller was paid (fees moved both)";
  const auto curve = store_.curve(buyer, INT64_MAX, 10);
  ASSERT_EQ(curve.size(), 2U);
  EXPECT_EQ(curve[0].cash, 10'000'000);
  EXPECT_EQ(curve[1].cash, 10'000'000 - 4 * 10'000 - 20) << "4 x 100.00 and the taker's 5 bps";
  const auto view = ask<account_view>(ex_.where->account(buyer), caf::get_atom::value, atoms::view::value);
  EXPECT_EQ(curve[1].cash, view.cash_free + view.cash_reserved);
  EXPECT_LT(curve[0].time, curve[1].time);
}

TEST_F(pg_equity_store_test, the_route_answers_the_bearers_curve_and_rejects_bad_parameters) {
  store_.append({{buyer, 100, 1'000, 900}, {buyer, 200, 1'100, 900}, {seller, 150, 5, 5}});
  boost::asio::thread_pool pool{1};
  net::api::equity_api api{store_, pool};
  net::http::router routes;
  api.add_routes(routes);
  const std::string secret = "0123456789abcdef0123456789abcdef";
  net::access_token_codec codec{secret, "bourse", "bourse-api", 900};
  config::settings s;
  s.node.port = 0;
  s.node.openapi_path.clear();
  net::http::server server{s, std::move(routes), &codec};
  server.start();
  const std::map<std::string, std::string> headers{
      {"Authorization",
       "Bearer " + codec.issue({buyer, "buyer", net::role::player, 0}, net::http::unix_seconds())}};
  auto get = [&](const std::string& target) {
    return fetch(server.port(), boost::beast::http::verb::get, target, {}, headers);
  };
  auto ok = get("/api/v1/account/equity?limit=1");
  ASSERT_EQ(ok.result(), boost::beast::http::status::ok) << ok.body();
  EXPECT_EQ(boost::json::parse(ok.body()),
            boost::json::parse(R"({"points":[{"time_ns":200,"equity":1100,"cash":900}]})"));
  auto older = get("/api/v1/account/equity?before_ns=200");
  EXPECT_EQ(boost::json::parse(older.body()).at("points").as_array().size(), 1U);
  for (const auto* bad : {"/api/v1/account/equity?limit=0", "/api/v1/account/equity?limit=5001",
                          "/api/v1/account/equity?before_ns=x", "/api/v1/account/equity?before_ns=0"}) {
    auto res = get(bad);
    EXPECT_EQ(res.result(), boost::beast::http::status::bad_request) << bad;
    EXPECT_EQ(boost::json::parse(res.body()).at("code"), "MALFORMED_REQUEST") << bad;
  }
  EXPECT_EQ(fetch(server.port(), boost::beast::http::verb::get, "/api/v1/account/equity", {}, {}).result(),
            boost::beast::http::status::unauthorized);
  pool.join();
}

} // namespace
} // namespace bourse::test
