#pragma once

#include "config/settings.hpp"
#include "net/auth/access_token.hpp"
#include "net/http/connection.hpp"
#include "net/http/dispatcher.hpp"
#include "net/http/router.hpp"
#include "net/limits/connection_limiter.hpp"
#include "net/metrics/metrics_registry.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace bourse::net::http {

/// The node's HTTP(S) server: one io_context run by node.io_threads threads, a listener on
/// node.listen_address:node.port that accepts TLS and plain HTTP on the same port (TLS only when a
/// certificate is configured), the given routes plus GET /healthz, /readyz, /metrics and
/// /api/v1/openapi.json, and static files from node.static_dir for unmatched GET/HEAD paths.
class server {
public:
  /// codec verifies bearer tokens and may be null; it must outlive the server. Throws
  /// std::runtime_error for an unreadable certificate, key or static directory.
  server(const config::settings& s, router routes, const access_token_codec* codec);

  /// Stops if running.
  ~server();

  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Readiness for /readyz (true = 200, false = 503 UNAVAILABLE); call before start(). Default: ready.
  void set_readiness(std::function<bool()> check);

  /// Hands WebSocket upgrade requests of path to handler (which must outlive the server); call
  /// before start().
  void set_upgrade_handler(std::string path, upgrade_handler* handler);

  /// Binds, listens and starts the threads. Throws boost::system::system_error if binding fails.
  void start();

  /// Closes the listener and every connection and joins the threads. Idempotent.
  void stop();

  /// The bound port (useful with port 0); 0 before start().
  std::uint16_t port() const noexcept { return port_; }

  /// Every route served, built-in ones included.
  std::vector<route_info> routes() const { return routes_.routes(); }

  /// The registry /metrics renders; add node metrics to it.
  metrics::registry& metrics() noexcept { return registry_; }

private:
  void accept();
  void add_builtin_routes();

  config::settings settings_;
  router routes_;
  metrics::registry registry_;
  std::function<bool()> readiness_;
  std::string openapi_document_;
  std::optional<boost::asio::ssl::context> tls_;
  dispatcher dispatch_;
  std::shared_ptr<connection_limiter> connections_;
  std::unique_ptr<connection_shared> shared_;
  std::vector<std::thread> threads_;
  std::uint16_t port_ = 0;
  // Declared last, destroyed first: its pending handlers own sessions that use the members above.
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
};

} // namespace bourse::net::http
