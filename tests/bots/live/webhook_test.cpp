#include "bots/live/webhook.hpp"

#include <future>
#include <stdexcept>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace bourse::bots {
namespace {

namespace http = boost::beast::http;
using boost::asio::ip::tcp;

/// A one-request HTTP server on an ephemeral 127.0.0.1 port: answers `status` and hands back the request.
class one_shot_server {
public:
  explicit one_shot_server(http::status status)
      : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    request_ = std::async(std::launch::async, [this, status] {
      tcp::socket socket{io_};
      acceptor_.accept(socket);
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req);
      http::response<http::empty_body> res{status, 11};
      http::write(socket, res);
      return req;
    });
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/hook";
  }
  std::future<http::request<http::string_body>>& request() { return request_; }

private:
  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  std::future<http::request<http::string_body>> request_;
};

TEST(webhook, posts_discord_compatible_json) {
  one_shot_server server{http::status::no_content};
  webhook_notifier hook{server.url()};
  ASSERT_TRUE(hook.notify("kill switch: P&L -500000 cents"));
  ASSERT_EQ(server.request().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  const auto req = server.request().get();
  EXPECT_EQ(req.method(), http::verb::post);
  EXPECT_EQ(req.target(), "/hook");
  EXPECT_EQ(req[http::field::content_type], "application/json");
  EXPECT_EQ(boost::json::parse(req.body()).at("content").as_string(), "kill switch: P&L -500000 cents");
}

TEST(webhook, refuses_urls_it_cannot_post_to) {
  EXPECT_THROW(webhook_notifier{"https://discord.com/api/webhooks/1/x"}, std::invalid_argument);
  EXPECT_THROW(webhook_notifier{"not a url"}, std::invalid_argument);
}

} // namespace
} // namespace bourse::bots
