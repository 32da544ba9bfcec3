#pragma once

#include "config/settings.hpp"
#include "net/http/dispatcher.hpp"
#include "net/limits/connection_limiter.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <memory>

namespace bourse::net::http {

/// Takes over connections whose request asks for a WebSocket upgrade of upgrade_path (the HTTP
/// session ends there; the handler owns the stream, the request and the per-address slot).
class upgrade_handler {
public:
  using tls_stream = boost::asio::ssl::stream<boost::beast::tcp_stream>;

  virtual ~upgrade_handler() = default;

  /// A plain connection asking to upgrade with req.
  virtual void upgrade(boost::beast::tcp_stream stream, request req, std::string address,
                       std::unique_ptr<connection_limiter::slot> slot) = 0;

  /// A TLS connection asking to upgrade with req.
  virtual void upgrade(tls_stream stream, request req, std::string address,
                       std::unique_ptr<connection_limiter::slot> slot) = 0;
};

/// What every connection of one server shares. Outlives the connections (the server stops its
/// io_context before destroying it).
struct connection_shared {
  config::limits_settings limits;
  dispatcher& dispatch;
  /// Null when TLS is not configured: TLS handshakes are then refused.
  boost::asio::ssl::context* tls = nullptr;
  std::atomic<std::int64_t> open_connections{0};
  /// Null when no WebSocket endpoint is served: upgrade requests are then routed as plain HTTP.
  upgrade_handler* upgrade = nullptr;
  /// The path (without query) whose upgrade requests go to upgrade.
  std::string upgrade_path = "/ws";
};

/// Starts serving an accepted socket: detects TLS or plain HTTP from the first bytes, then runs an
/// HTTP/1.1 session (keep-alive, one request at a time, limits and timeouts from shared.limits).
/// slot keeps the per-address connection count until the connection ends.
void serve_connection(boost::asio::ip::tcp::socket socket, connection_shared& shared, std::string address,
                      std::unique_ptr<connection_limiter::slot> slot);

} // namespace bourse::net::http
