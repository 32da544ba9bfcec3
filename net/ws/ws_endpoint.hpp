#pragma once

#include "config/settings.hpp"
#include "net/http/connection.hpp"
#include "net/ws/session.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <caf/actor_system.hpp>

#include <array>
#include <mutex>

namespace bourse::net::ws {

/// The node's WebSocket endpoint (`/ws`), plugged into the HTTP server as its upgrade handler.
/// Handshake: Origin must be absent (non-browser clients), same-origin (Origin host = Host) or in
/// limits.allowed_origins, else 403 ORIGIN_NOT_ALLOWED; an access token in the `access_token`
/// cookie or offered as the subprotocol `bearer.<token>` must verify, else 401 with its code (the
/// server then selects the subprotocol `bourse` when offered). Frames above
/// limits.ws_frame_limit_bytes close the connection with 1009; the read idle timeout is
/// limits.idle_timeout_ms with WebSocket pings. One session actor per connection.
class ws_endpoint : public http::upgrade_handler {
public:
  /// cfg.codec verifies handshake tokens too; everything must outlive the server.
  /// Spawns the endpoint's public-channel fan-out actor (stopped by the destructor).
  ws_endpoint(caf::actor_system& sys, session_config cfg, const config::limits_settings& limits);
  ~ws_endpoint() override;
  ws_endpoint(const ws_endpoint&) = delete;
  ws_endpoint& operator=(const ws_endpoint&) = delete;

  void upgrade(boost::beast::tcp_stream stream, http::request req, std::string address,
               std::unique_ptr<connection_limiter::slot> slot) override;

  void upgrade(tls_stream stream, http::request req, std::string address,
               std::unique_ptr<connection_limiter::slot> slot) override;

  /// The handshake decision for req: none, ORIGIN_NOT_ALLOWED, TOKEN_INVALID or TOKEN_EXPIRED, with the
  /// verified claims when a token was given.
  struct admission {
    reason_code code = reason_code::none;
    std::optional<access_claims> user;
  };
  admission admit(const http::request& req) const;

  /// Starts the session actor of one accepted connection.
  session_actor start_session(std::shared_ptr<ws_outbox> out, std::optional<access_claims> user);

  const config::limits_settings& limits() const noexcept { return limits_; }

  /// The fan-out lane of a new connection whose strand is ex: fanout_lanes lanes on ex's
  /// io_context, handed out round robin, alive while a connection holds them; null when ex is not
  /// a strand of an io_context.
  std::shared_ptr<ws_lane> lane_for(const boost::asio::any_io_executor& ex);

  /// Lanes per endpoint: enough to keep every I/O thread writing during one fan-out.
  static constexpr std::size_t fanout_lanes = 4;

private:
  caf::actor_system& sys_;
  session_config cfg_;
  config::limits_settings limits_;
  std::mutex lanes_mutex_;
  std::array<std::weak_ptr<ws_lane>, fanout_lanes> lanes_;
  std::size_t next_lane_ = 0;
};

/// Session tunables from the configured limits (the first conflation bound is a quarter of
/// outbound_queue_messages).
session_config session_config_from(const config::limits_settings& limits, std::shared_ptr<placement> where,
                                   std::shared_ptr<const instrument_registry> instruments,
                                   const access_token_codec* codec);

} // namespace bourse::net::ws
