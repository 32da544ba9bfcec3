#include "net/api/auth_api.hpp"

#include "net/api/blocking.hpp"
#include "net/api/json_fields.hpp"
#include "net/auth/password_hash.hpp"
#include "net/http/dispatcher.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>

namespace bourse::net::api {

namespace {

constexpr std::size_t min_password = 8;
constexpr std::size_t max_password = 128;

// Verified against when the user is unknown, so both failures cost one argon2 run.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("decoy password for unknown users");
  return hash;
}

http::response fields_error(const json_fields& fields) {
  return http::error_response(fields.code(), fields.message());
}

} // namespace

bool valid_username(std::string_view name) noexcept {
  return name.size() >= 3 && name.size() <= 32 &&
         name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") ==
             std::string_view::npos;
}

auth_api::auth_api(const config::auth_settings& settings, user_store& users, refresh_token_service& refresh,
                   const access_token_codec& codec, boost::asio::thread_pool& pool)
    : settings_(settings), users_(users), refresh_(refresh), codec_(codec), pool_(pool) {
  // nop
}

void auth_api::add_routes(http::router& routes) {
  auto blocking = [this](http::response (auth_api::*member)(const http::request_context&)) {
    return [this, member](http::request_context ctx, http::responder respond) {
      run_blocking(pool_, std::move(respond),
                   [this, member, ctx = std::move(ctx)] { return (this->*member)(ctx); });
    };
  };
  if (settings_.local_login) {
    routes.add(http::verb::post, "/api/v1/auth/local/register", permission::read_market,
               blocking(&auth_api::register_user));
    routes.add(http::verb::post, "/api/v1/auth/local/login", permission::read_market,
               blocking(&auth_api::login));
  }
  routes.add(http::verb::post, "/api/v1/auth/refresh", permission::read_market, blocking(&auth_api::refresh));
  routes.add(http::verb::post, "/api/v1/auth/logout", permission::read_market, blocking(&auth_api::logout));
  routes.add(http::verb::put, "/api/v1/admin/users/{id}/role", permission::administer,
             blocking(&auth_api::set_role));
}

token_pair auth_api::sign_in(const user_record& user) {
  auto now = http::unix_seconds();
  return {codec_.issue({user.id, user.username, user.user_role, 0}, now), refresh_.issue(user.id, now),
          codec_.ttl_s()};
}

std::string auth_api::token_body(const token_pair& tokens, const user_record& user) {
  boost::json::object body;
  body["access_token"] = tokens.access_token;
  body["refresh_token"] = tokens.refresh_token;
  body["token_type"] = "Bearer";
  body["expires_in"] = tokens.expires_in_s;
  body["user"] = {{"id", user.id}, {"username", user.username}, {"role", to_string(user.user_role)}};
  return boost::json::serialize(body);
}

http::response auth_api::register_user(const http::request_context& ctx) {
  json_fields fields(ctx.req.body(), {"username", "password"});
  auto username = fields.text("username");
  auto password = fields.text("password");
  if (fields.ok() && !valid_username(username))
    fields.fail(reason_code::malformed_request, "username must be 3..32 characters of A-Z a-z 0-9 _ . -");
  if (fields.ok() && (password.size() < min_password || password.size() > max_password))
    fields.fail(reason_code::malformed_request, "password must be 8..128 characters");
  if (!fields.ok())
    return fields_error(fields);
  auto created = users_.create({0, username, role::player, hash_password(password), {}});
  if (!created)
    return http::error_response(reason_code::username_taken);
  return http::json_response(token_body(sign_in(*created), *created), http::status::created);
}

http::response auth_api::login(const http::request_context& ctx) {
  json_fields fields(ctx.req.body(), {"username", "password"});
  auto username = fields.text("username");
  auto password = fields.text("password");
  if (!fields.ok())
    return fields_error(fields);
  auto user = users_.find_by_name(username);
  bool has_password = user && !user->password_hash.empty();
  bool matches = verify_password(password, has_password ? user->password_hash : decoy_hash());
  if (!has_password || !matches)
    return http::error_response(reason_code::invalid_credentials);
  return http::json_response(token_body(sign_in(*user), *user));
}

http::response auth_api::refresh(const http::request_context& ctx) {
  json_fields fields(ctx.req.body(), {"refresh_token"});
  auto token = fields.text("refresh_token");
  if (!fields.ok())
    return fields_error(fields);
  auto now = http::unix_seconds();
  auto rotated = refresh_.rotate(token, now);
  if (rotated.code != reason_code::none)
    return http::error_response(rotated.code);
  auto user = users_.find_by_id(rotated.user);
  if (!user)
    return http::error_response(reason_code::token_invalid);
  token_pair tokens{codec_.issue({user->id, user->username, user->user_role, 0}, now), rotated.token,
                    codec_.ttl_s()};
  return http::json_response(token_body(tokens, *user));
}

http::response auth_api::logout(const http::request_context& ctx) {
  json_fields fields(ctx.req.body(), {"refresh_token"});
  auto token = fields.text("refresh_token");
  if (!fields.ok())
    return fields_error(fields);
  refresh_.revoke(token);
  http::response res{http::status::no_content, 11};
  res.prepare_payload();
  return res;
}

} // namespace bourse::net::api

namespace bourse::net::api {

http::response auth_api::set_role(const http::request_context& ctx) {
  json_fields fields(ctx.req.body(), {"role"});
  auto name = fields.text("role");
  if (!fields.ok())
    return fields_error(fields);
  const auto id_text = ctx.param("id");
  account_id id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc{} || end != id_text.data() + id_text.size() || id <= 0)
    return http::error_response(reason_code::malformed_request, "user id must be a positive integer");
  const auto new_role = role_from_string(name);
  if (!new_role)
    return http::error_response(reason_code::malformed_request,
                                "role must be admin, auctioneer, player, bot or viewer");
  if (ctx.user && ctx.user->user == id)
    return http::error_response(reason_code::forbidden, "an admin cannot change their own role");
  if (!users_.set_role(id, *new_role))
    return http::error_response(reason_code::not_found, "no such user");
  auto user = users_.find_by_id(id);
  boost::json::object body{
      {"id", id}, {"username", user ? user->username : ""}, {"role", to_string(*new_role)}};
  return http::json_response(boost::json::serialize(body));
}

} // namespace bourse::net::api
