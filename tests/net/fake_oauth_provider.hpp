#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <functional>
#include <string>
#include <thread>

/// A minimal OAuth2 provider for tests: a blocking Beast server on 127.0.0.1 that answers one
/// request per connection through a handler, on its own thread.
namespace bourse::net::test {

class fake_oauth_provider {
public:
  using request = boost::beast::http::request<boost::beast::http::string_body>;
  using response = boost::beast::http::response<boost::beast::http::string_body>;
  using handler = std::function<response(const request&)>;

  explicit fake_oauth_provider(handler h)
      : handler_(std::move(h)), acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}),
        thread_([this] { serve(); }) {}

  ~fake_oauth_provider() {
    stopping_ = true;
    boost::asio::ip::tcp::socket wake(io_);
    boost::system::error_code ignored;
    wake.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }

  /// http://127.0.0.1:<port>
  std::string base_url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }

private:
  void serve() {
    while (true) {
      boost::asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (stopping_)
        return;
      if (ec)
        continue;
      boost::beast::flat_buffer buffer;
      request req;
      boost::beast::http::read(socket, buffer, req, ec);
      if (ec)
        continue;
      auto res = handler_(req);
      res.keep_alive(false);
      res.prepare_payload();
      boost::beast::http::write(socket, res, ec);
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    }
  }

  handler handler_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

} // namespace bourse::net::test
