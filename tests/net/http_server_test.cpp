#include "net/http/server.hpp"

#include "tests/net/http_client.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

namespace bourse::net::http {
namespace {

using namespace bourse::net::test;
namespace bhttp = boost::beast::http;

const std::string secret = "0123456789abcdef0123456789abcdef";

config::settings test_settings() {
  config::settings s;
  s.node.port = 0;
  s.node.openapi_path = BOURSE_SOURCE_DIR "/docs/openapi.json";
  auto dir = std::filesystem::path(::testing::TempDir()) / "bourse_static";
  std::filesystem::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<h1>bourse</h1>";
  std::ofstream(dir / "assets" / "app.js") << "console.log(1);";
  std::ofstream(std::filesystem::path(::testing::TempDir()) / "secret.txt") << "secret";
  s.node.static_dir = dir.string();
  return s;
}

router test_routes() {
  router r;
  r.add(verb::get, "/api/v1/echo/{name}", permission::read_market, sync_handler([](request_context& ctx) {
          return json_response("\"" + std::string(ctx.param("name")) + "\"");
        }));
  r.add(verb::post, "/api/v1/echo", permission::read_market,
        sync_handler([](request_context& ctx) { return json_response(ctx.req.body()); }));
  r.add(verb::get, "/api/v1/me", permission::trade,
        sync_handler([](request_context& ctx) { return json_response("\"" + ctx.user->username + "\""); }));
  r.add(verb::get, "/api/v1/admin/ping", permission::administer,
        sync_handler([](request_context&) { return json_response("\"pong\""); }));
  r.add(verb::get, "/api/v1/boom", permission::read_market,
        sync_handler([](request_context&) -> response { throw std::runtime_error("boom"); }));
  return r;
}

class http_server_test : public ::testing::Test {
protected:
  void start(config::settings s = test_settings()) {
    server_ = std::make_unique<server>(s, test_routes(), &codec_);
    server_->start();
    port_ = server_->port();
  }

  std::string bearer(role r, std::int64_t issued_at = unix_seconds()) {
    return "Bearer " + codec_.issue({7, "alice", r, 0}, issued_at);
  }

  access_token_codec codec_{secret, "bourse", "bourse-api", 900};
  std::unique_ptr<server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(http_server_test, health_ready_and_openapi) {
  start();
  auto health = get(port_, "/healthz");
  EXPECT_EQ(health.result(), bhttp::status::ok);
  EXPECT_EQ(health[bhttp::field::content_type], "application/json");
  EXPECT_EQ(get(port_, "/readyz").result(), bhttp::status::ok);
  auto openapi = get(port_, "/api/v1/openapi.json");
  EXPECT_EQ(openapi.result(), bhttp::status::ok);
  EXPECT_EQ(boost::json::parse(openapi.body()).at("openapi").as_string(), "3.1.0");
}

TEST_F(http_server_test, readiness_is_pluggable) {
  server_ = std::make_unique<server>(test_settings(), test_routes(), &codec_);
  server_->set_readiness([] { return false; });
  server_->start();
  auto res = get(server_->port(), "/readyz");
  EXPECT_EQ(res.result(), bhttp::status::service_unavailable);
  EXPECT_EQ(code_of(res), "UNAVAILABLE");
}

TEST_F(http_server_test, every_response_has_request_id_and_rate_limit_headers) {
  start();
  for (const auto* target : {"/healthz", "/nope/nope", "/index.html"}) {
    auto res = get(port_, target);
    EXPECT_FALSE(res["X-Request-Id"].empty()) << target;
    EXPECT_FALSE(res["RateLimit-Limit"].empty()) << target;
    EXPECT_FALSE(res["RateLimit-Remaining"].empty()) << target;
    EXPECT_FALSE(res["RateLimit-Reset"].empty()) << target;
  }
  EXPECT_EQ(get(port_, "/healthz", {{"X-Request-Id", "abc-123"}})["X-Request-Id"], "abc-123");
  EXPECT_NE(get(port_, "/healthz", {{"X-Request-Id", "bad id\"<>"}})["X-Request-Id"], "bad id\"<>");
}

TEST_F(http_server_test, router_params_404_and_405) {
  start();
  auto echo = get(port_, "/api/v1/echo/hello%20world");
  EXPECT_EQ(echo.result(), bhttp::status::ok);
  EXPECT_EQ(echo.body(), "\"hello world\"");
  auto missing = get(port_, "/api/v1/nothing");
  EXPECT_EQ(missing.result(), bhttp::status::not_found);
  EXPECT_EQ(code_of(missing), "NOT_FOUND");
  auto wrong_method = fetch(port_, bhttp::verb::delete_, "/api/v1/echo/x");
  EXPECT_EQ(wrong_method.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(code_of(wrong_method), "METHOD_NOT_ALLOWED");
  auto posted = fetch(port_, bhttp::verb::post, "/api/v1/echo", R"({"a":1})");
  EXPECT_EQ(posted.body(), R"({"a":1})");
}

TEST_F(http_server_test, handler_exception_is_internal_error) {
  start();
  auto res = get(port_, "/api/v1/boom");
  EXPECT_EQ(res.result(), bhttp::status::internal_server_error);
  EXPECT_EQ(code_of(res), "INTERNAL_ERROR");
}

TEST_F(http_server_test, roles_and_tokens) {
  start();
  EXPECT_EQ(code_of(get(port_, "/api/v1/me")), "UNAUTHENTICATED");
  EXPECT_EQ(get(port_, "/api/v1/me", {{"Authorization", bearer(role::player)}}).body(), "\"alice\"");
  auto forbidden = get(port_, "/api/v1/admin/ping", {{"Authorization", bearer(role::player)}});
  EXPECT_EQ(forbidden.result(), bhttp::status::forbidden);
  EXPECT_EQ(code_of(forbidden), "FORBIDDEN");
  EXPECT_EQ(get(port_, "/api/v1/admin/ping", {{"Authorization", bearer(role::admin)}}).result(),
            bhttp::status::ok);
  auto expired = get(port_, "/api/v1/me", {{"Authorization", bearer(role::player, unix_seconds() - 1000)}});
  EXPECT_EQ(expired.result(), bhttp::status::unauthorized);
  EXPECT_EQ(code_of(expired), "TOKEN_EXPIRED");
  EXPECT_EQ(code_of(get(port_, "/api/v1/me", {{"Authorization", "Bearer a.b.c"}})), "TOKEN_INVALID");
  EXPECT_EQ(code_of(get(port_, "/api/v1/me", {{"Authorization", "Basic YTpi"}})), "TOKEN_INVALID");
}

TEST_F(http_server_test, oversize_header_is_431) {
  start();
  auto res = get(port_, "/healthz", {{"X-Padding", std::string(9000, 'a')}});
  EXPECT_EQ(res.result(), bhttp::status::request_header_fields_too_large);
  EXPECT_EQ(code_of(res), "REQUEST_TOO_LARGE");
}

TEST_F(http_server_test, oversize_body_is_413) {
  start();
  auto res = fetch(port_, bhttp::verb::post, "/api/v1/echo", std::string(70 * 1024, 'x'));
  EXPECT_EQ(res.result(), bhttp::status::payload_too_large);
  EXPECT_EQ(code_of(res), "REQUEST_TOO_LARGE");
}

TEST_F(http_server_test, malformed_request_is_400_and_closed) {
  start();
  auto reply = raw_exchange(port_, "GARBAGE\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
  EXPECT_NE(reply.find("MALFORMED_REQUEST"), std::string::npos);
  auto bad_length = raw_exchange(port_, "POST /api/v1/echo HTTP/1.1\r\nContent-Length: x\r\n\r\n");
  EXPECT_TRUE(bad_length.starts_with("HTTP/1.1 400")) << bad_length;
}

TEST_F(http_server_test, static_files_with_mime_types) {
  start();
  auto index = get(port_, "/");
  EXPECT_EQ(index.result(), bhttp::status::ok);
  EXPECT_EQ(index.body(), "<h1>bourse</h1>");
  EXPECT_EQ(index[bhttp::field::content_type], "text/html; charset=utf-8");
  auto js = get(port_, "/assets/app.js");
  EXPECT_EQ(js[bhttp::field::content_type], "text/javascript; charset=utf-8");
  auto head = fetch(port_, bhttp::verb::head, "/assets/app.js");
  EXPECT_EQ(head.result(), bhttp::status::ok);
  EXPECT_EQ(head[bhttp::field::content_length], "15");
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(code_of(get(port_, "/assets/missing.css")), "NOT_FOUND");
}

TEST_F(http_server_test, path_traversal_is_refused) {
  start();
  for (const auto* target : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                             "/assets/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%5c..%5csecret.txt"}) {
    auto res = get(port_, target);
    EXPECT_NE(res.result(), bhttp::status::ok) << target;
    EXPECT_EQ(res.body().find("secret"), std::string::npos) << target;
  }
}

TEST_F(http_server_test, rate_limit_gives_429_with_retry_after) {
  auto s = test_settings();
  s.limits.requests_per_s_per_ip = 2;
  start(s);
  EXPECT_EQ(get(port_, "/healthz")["RateLimit-Remaining"], "1");
  EXPECT_EQ(get(port_, "/healthz").result(), bhttp::status::ok);
  auto limited = get(port_, "/healthz");
  EXPECT_EQ(limited.result(), bhttp::status::too_many_requests);
  EXPECT_EQ(code_of(limited), "RATE_LIMITED");
  EXPECT_EQ(limited[bhttp::field::retry_after], "1");
}

TEST_F(http_server_test, per_user_rate_limit) {
  auto s = test_settings();
  s.limits.requests_per_s_per_user = 1;
  start(s);
  auto token = bearer(role::player);
  EXPECT_EQ(get(port_, "/api/v1/me", {{"Authorization", token}}).result(), bhttp::status::ok);
  EXPECT_EQ(code_of(get(port_, "/api/v1/me", {{"Authorization", token}})), "RATE_LIMITED");
  EXPECT_EQ(get(port_, "/healthz").result(), bhttp::status::ok);
}

TEST_F(http_server_test, connections_per_ip_are_bounded) {
  auto s = test_settings();
  s.limits.max_connections_per_ip = 1;
  start(s);
  asio::io_context io;
  beast::tcp_stream first(io);
  first.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  beast::http::request<beast::http::string_body> req{bhttp::verb::get, "/healthz", 11};
  beast::http::write(first, req);
  beast::flat_buffer buffer;
  response res;
  beast::http::read(first, buffer, res);
  ASSERT_EQ(res.result(), bhttp::status::ok);
  EXPECT_EQ(raw_exchange(port_, "GET /healthz HTTP/1.1\r\n\r\n"), "");
  first.close();
}

TEST_F(http_server_test, idle_connection_is_closed) {
  auto s = test_settings();
  s.limits.idle_timeout_ms = 100;
  s.limits.read_timeout_ms = 100;
  start(s);
  EXPECT_EQ(raw_exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x"), "");
}

TEST_F(http_server_test, metrics_in_prometheus_text_format) {
  start();
  get(port_, "/healthz");
  auto res = get(port_, "/metrics");
  EXPECT_EQ(res[bhttp::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  const auto& text = res.body();
  EXPECT_NE(text.find("# TYPE bourse_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("bourse_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE bourse_http_request_duration_seconds histogram\n"), std::string::npos);
  EXPECT_NE(text.find("bourse_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("bourse_http_request_duration_seconds_count{route=\"/healthz\"} 1\n"),
            std::string::npos);
  // The previous connection may still be closing on the server side: one or two are open.
  EXPECT_TRUE(std::regex_search(text, std::regex("\nbourse_http_connections_open [12]\n")));
}

TEST_F(http_server_test, tls_and_plain_on_the_same_port) {
  auto s = test_settings();
  s.node.tls_cert_path = BOURSE_SOURCE_DIR "/tests/net/data/cert.pem";
  s.node.tls_key_path = BOURSE_SOURCE_DIR "/tests/net/data/key.pem";
  start(s);
  EXPECT_EQ(get(port_, "/healthz").result(), bhttp::status::ok);
  asio::io_context io;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.load_verify_file(s.node.tls_cert_path);
  asio::ssl::stream<beast::tcp_stream> stream(io, ctx);
  stream.set_verify_mode(asio::ssl::verify_peer);
  beast::get_lowest_layer(stream).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  stream.handshake(asio::ssl::stream_base::client);
  beast::http::request<beast::http::string_body> req{bhttp::verb::get, "/healthz", 11};
  beast::http::write(stream, req);
  beast::flat_buffer buffer;
  response res;
  beast::http::read(stream, buffer, res);
  EXPECT_EQ(res.result(), bhttp::status::ok);
  EXPECT_EQ(res.body(), R"({"status":"ok"})");
}

TEST_F(http_server_test, tls_handshake_refused_without_certificate) {
  start();
  asio::io_context io;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  asio::ssl::stream<beast::tcp_stream> stream(io, ctx);
  beast::get_lowest_layer(stream).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  boost::system::error_code ec;
  stream.handshake(asio::ssl::stream_base::client, ec);
  EXPECT_TRUE(ec);
}

} // namespace
} // namespace bourse::net::http
