#pragma once

#include "config/settings.hpp"
#include "net/auth/access_token.hpp"
#include "net/auth/refresh_tokens.hpp"
#include "net/auth/user_store.hpp"
#include "net/http/router.hpp"

#include <boost/asio/thread_pool.hpp>

#include <string>

namespace bourse::net::api {

/// Tokens for a signed-in user: access_token, refresh_token, token_type, expires_in (s), user.
struct token_pair {
  std::string access_token;
  std::string refresh_token;
  std::int64_t expires_in_s = 0;
};

/// Local accounts and token lifecycle: POST /api/v1/auth/local/register and /auth/local/login (when
/// auth.local_login), /auth/refresh (rotation; reuse revokes the family) and /auth/logout; and the
/// admin's PUT /api/v1/admin/users/{id}/role.
/// Database work and argon2 run on pool. Every reference must outlive the routes.
class auth_api {
public:
  auth_api(const config::auth_settings& settings, user_store& users, refresh_token_service& refresh,
           const access_token_codec& codec, boost::asio::thread_pool& pool);

  /// Registers the routes on routes.
  void add_routes(http::router& routes);

  /// A new access token and a new refresh-token family for user. Throws on store failure.
  token_pair sign_in(const user_record& user);

  /// The JSON body of a sign-in: {access_token, refresh_token, token_type, expires_in, user}.
  static std::string token_body(const token_pair& tokens, const user_record& user);

private:
  http::response register_user(const http::request_context& ctx);
  http::response login(const http::request_context& ctx);
  http::response refresh(const http::request_context& ctx);
  http::response logout(const http::request_context& ctx);
  /// Body {role}: MALFORMED_REQUEST (bad id, body or role name), FORBIDDEN (the caller's own role, so
  /// the last admin cannot lock everyone out), NOT_FOUND (unknown user); else {id, username, role}.
  /// Tokens carry the role: the new one applies from the user's next sign-in or refresh.
  http::response set_role(const http::request_context& ctx);

  const config::auth_settings& settings_;
  user_store& users_;
  refresh_token_service& refresh_;
  const access_token_codec& codec_;
  boost::asio::thread_pool& pool_;
};

/// Usernames are 3..32 characters of [A-Za-z0-9_.-].
bool valid_username(std::string_view name) noexcept;

} // namespace bourse::net::api
