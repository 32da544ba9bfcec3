#pragma once

#include "config/settings.hpp"
#include "net/api/auth_api.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bourse::net::api {

/// Discord OAuth2 authorization-code flow (discord.com/developers/docs/topics/oauth2):
/// GET /api/v1/auth/discord/login answers 302 to authorize_url with a one-time `state`;
/// GET /api/v1/auth/discord/callback checks and consumes the state, exchanges `code` at token_url,
/// reads the user at user_url, finds or creates the user by Discord id (role player) and answers
/// 302 to /#/auth/callback?access_token=..&refresh_token=..&expires_in=.. (tokens in the fragment).
/// States live 10 minutes in this node's memory. Every reference must outlive the routes.
class discord_api {
public:
  discord_api(const config::discord_settings& settings, auth_api& auth, user_store& users,
              boost::asio::thread_pool& pool, std::chrono::milliseconds provider_timeout);

  /// Registers both routes.
  void add_routes(http::router& routes);

private:
  http::response login();
  http::response callback(const http::request_context& ctx);
  bool consume_state(const std::string& state);
  user_record find_or_create(const std::string& discord_id, const std::string& name);

  const config::discord_settings& settings_;
  auth_api& auth_;
  user_store& users_;
  boost::asio::thread_pool& pool_;
  std::chrono::milliseconds provider_timeout_;
  std::mutex mutex_;
  /// state -> expiry, seconds since the Unix epoch.
  std::unordered_map<std::string, std::int64_t> states_;
};

} // namespace bourse::net::api
