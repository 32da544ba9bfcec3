#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <netinet/in.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "tests/bench/gateway_stamped_socket.hpp"

namespace bourse::bench {

/// One asynchronous client connection to a node's /ws on a shared io_context (one thread): opens,
/// then hands every received text frame to a callback until the connection ends, with the kernel's
/// receive time of the read that completed it (stamped_socket).
class ws_peer {
public:
  /// The frame's text and the kernel receive time of its last bytes (ns UTC, 0 when unknown).
  using frame_handler = std::function<void(std::string_view, std::int64_t)>;
  using done_handler = std::function<void(boost::system::error_code)>;

  explicit ws_peer(boost::asio::io_context& io) : ws_(io) {}

  /// Connects to node from `source` (any local address when empty; bound before connect with
  /// IP_BIND_ADDRESS_NO_PORT, so each 127.0.0.x source has its own ~28k ephemeral ports), upgrades
  /// (offering `bearer.<token>` when token is not empty), then calls opened(error).
  void open(const boost::asio::ip::tcp::endpoint& node, const std::optional<boost::asio::ip::address>& source,
            const std::string& token, done_handler opened) {
    auto& socket = ws_.next_layer().next_layer();
    socket.open(boost::asio::ip::tcp::v4());
    ws_.next_layer().enable_stamps();
    if (source) {
      const int on = 1;
      ::setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
      socket.bind({*source, 0});
    }
    if (!token.empty())
      ws_.set_option(boost::beast::websocket::stream_base::decorator(
          [protocol = "bearer." + token](boost::beast::websocket::request_type& req) {
            req.set(boost::beast::http::field::sec_websocket_protocol, protocol);
          }));
    host_ = node.address().to_string() + ":" + std::to_string(node.port());
    socket.async_connect(node, [this, opened = std::move(opened)](boost::system::error_code ec) mutable {
      if (ec)
        return opened(ec);
      ws_.async_handshake(host_, "/ws", std::move(opened));
    });
  }

  /// Reads frames until the connection ends: on_frame(text) for each, then ended(error) once.
  void read(frame_handler on_frame, done_handler ended) {
    on_frame_ = std::move(on_frame);
    ended_ = std::move(ended);
    read_next();
  }

  /// Sends one text frame; at most one send may be outstanding.
  void send(std::string text) {
    out_ = std::move(text);
    ws_.async_write(boost::asio::buffer(out_),
                    [](boost::system::error_code, std::size_t) { /* read ends */ });
  }

  /// Closes the connection normally (the read loop then ends).
  void close() {
    ws_.async_close(boost::beast::websocket::close_code::normal, [](boost::system::error_code) { /* nop */ });
  }

private:
  void read_next() {
    ws_.async_read(buffer_, [this](boost::system::error_code ec, std::size_t) {
      if (ec)
        return ended_(ec);
      const auto data = buffer_.cdata();
      on_frame_(std::string_view(static_cast<const char*>(data.data()), data.size()),
                ws_.next_layer().last_rx_ns());
      buffer_.clear();
      read_next();
    });
  }

  boost::beast::websocket::stream<stamped_socket> ws_;
  boost::beast::flat_buffer buffer_;
  std::string host_;
  std::string out_;
  frame_handler on_frame_;
  done_handler ended_;
};

} // namespace bourse::bench
