#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

/// A WebSocket test client over a real socket to 127.0.0.1, with a timeout on every read.
namespace bourse::net::test {

class ws_client {
public:
  /// Opens and upgrades /ws with extra handshake headers; the error (and the refusal's HTTP response)
  /// when the server refuses.
  boost::system::error_code connect(std::uint16_t port,
                                    const std::map<std::string, std::string>& headers = {}) {
    namespace websocket = boost::beast::websocket;
    boost::beast::get_lowest_layer(ws_).connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    ws_.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
      for (const auto& [name, value] : headers)
        req.set(name, value);
    }));
    boost::system::error_code ec;
    ws_.handshake(refusal, "127.0.0.1:" + std::to_string(port), "/ws", ec);
    return ec;
  }

  void send(const std::string& text) { ws_.write(boost::asio::buffer(text)); }

  /// The next frame as JSON, or nullopt when the connection ended or nothing came within timeout.
  std::optional<boost::json::object> next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::optional<boost::json::object> out;
    buffer_.clear();
    bool done = false;
    ws_.async_read(buffer_, [&](boost::system::error_code ec, std::size_t) {
      done = true;
      last_error = ec;
      if (!ec)
        out = boost::json::parse(boost::beast::buffers_to_string(buffer_.data())).as_object();
    });
    io_.restart();
    io_.run_for(timeout);
    if (!done) {
      boost::beast::get_lowest_layer(ws_).cancel();
      io_.restart();
      io_.run();
    }
    return out;
  }

  /// The next frame for which pred holds, skipping others; nullopt as next().
  std::optional<boost::json::object> next_where(const std::function<bool(const boost::json::object&)>& pred) {
    for (int i = 0; i < 100; ++i) {
      auto frame = next();
      if (!frame || pred(*frame))
        return frame;
    }
    return std::nullopt;
  }

  /// The next frame of channel.
  std::optional<boost::json::object> next_on(const std::string& channel) {
    return next_where([&](const boost::json::object& f) {
      return f.contains("channel") && f.at("channel").as_string() == channel;
    });
  }

  /// The next reply to request id.
  std::optional<boost::json::object> reply_to(const std::string& id) {
    return next_where([&](const boost::json::object& f) {
      return f.contains("id") && f.at("id").is_string() && f.at("id").as_string() == id;
    });
  }

  /// The close frame's code, after next() returned nullopt for a closed connection.
  std::uint16_t close_code() const { return ws_.reason().code; }

  boost::beast::websocket::response_type refusal;
  boost::system::error_code last_error;

private:
  boost::asio::io_context io_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_{io_};
  boost::beast::flat_buffer buffer_;
};

} // namespace bourse::net::test
