#include "net/api/discord_api.hpp"

#include "net/api/blocking.hpp"
#include "net/api/outbound_http.hpp"
#include "net/auth/crypto.hpp"
#include "net/http/dispatcher.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace bourse::net::api {

namespace {

constexpr std::int64_t state_ttl_s = 600;
constexpr std::size_t max_states = 10'000;

/// The string member key of a JSON object text; empty when absent or not a string/number.
std::string json_member(const std::string& text, std::string_view key) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object())
    return {};
  auto* member = value.as_object().if_contains(key);
  if (member == nullptr)
    return {};
  if (member->is_string())
    return std::string(member->as_string());
  if (member->is_int64())
    return std::to_string(member->as_int64());
  return {};
}

http::response redirect(const std::string& location) {
  http::response res{http::status::found, 11};
  res.set(boost::beast::http::field::location, location);
  res.set(boost::beast::http::field::cache_control, "no-store");
  res.prepare_payload();
  return res;
}

} // namespace

discord_api::discord_api(const config::discord_settings& settings, auth_api& auth, user_store& users,
                         boost::asio::thread_pool& pool, std::chrono::milliseconds provider_timeout)
    : settings_(settings), auth_(auth), users_(users), pool_(pool), provider_timeout_(provider_timeout) {
  // nop
}

void discord_api::add_routes(http::router& routes) {
  routes.add(http::verb::get, "/api/v1/auth/discord/login", permission::read_market,
             http::sync_handler([this](http::request_context&) { return login(); }));
  routes.add(http::verb::get, "/api/v1/auth/discord/callback", permission::read_market,
             [this](http::request_context ctx, http::responder respond) {
               run_blocking(pool_, std::move(respond),
                            [this, ctx = std::move(ctx)] { return callback(ctx); });
             });
}

http::response discord_api::login() {
  auto state = random_token(24);
  auto now = http::unix_seconds();
  {
    std::lock_guard guard(mutex_);
    std::erase_if(states_, [now](const auto& entry) { return entry.second <= now; });
    if (states_.size() >= max_states)
      return http::error_response(reason_code::busy, "too many pending Discord logins");
    states_.emplace(state, now + state_ttl_s);
  }
  boost::urls::url location(settings_.authorize_url);
  location.params().append({"response_type", "code"});
  location.params().append({"client_id", settings_.client_id});
  location.params().append({"scope", "identify"});
  location.params().append({"redirect_uri", settings_.redirect_uri});
  location.params().append({"state", state});
  return redirect(std::string(location.buffer()));
}

bool discord_api::consume_state(const std::string& state) {
  std::lock_guard guard(mutex_);
  auto it = states_.find(state);
  if (it == states_.end())
    return false;
  bool fresh = it->second > http::unix_seconds();
  states_.erase(it);
  return fresh;
}

user_record discord_api::find_or_create(const std::string& discord_id, const std::string& name) {
  if (auto user = users_.find_by_discord_id(discord_id))
    return *user;
  auto base = valid_username(name) ? name : "discord";
  for (const auto& candidate : {base, base + "-" + discord_id}) {
    if (auto created = users_.create({0, candidate, role::player, {}, discord_id}))
      return *created;
    if (auto raced = users_.find_by_discord_id(discord_id))
      return *raced;
  }
  throw std::runtime_error("cannot create a user for Discord id " + discord_id);
}

http::response discord_api::callback(const http::request_context& ctx) {
  auto target = boost::urls::parse_origin_form(ctx.req.target());
  if (!target)
    return http::error_response(reason_code::malformed_request);
  auto params = target->params();
  auto code = params.find("code");
  auto state = params.find("state");
  if (code == params.end() || state == params.end() || (*code).value.empty())
    return http::error_response(reason_code::malformed_request, "code and state are required");
  if (!consume_state((*state).value))
    return http::error_response(reason_code::token_invalid, "unknown or expired state");

  boost::urls::url form;
  form.params().append({"grant_type", "authorization_code"});
  form.params().append({"code", (*code).value});
  form.params().append({"redirect_uri", settings_.redirect_uri});
  form.params().append({"client_id", settings_.client_id});
  form.params().append({"client_secret", settings_.client_secret});
  auto token_res =
      outbound_request(http::verb::post, settings_.token_url, std::string(form.encoded_query()),
                       {{"Content-Type", "application/x-www-form-urlencoded"}}, provider_timeout_);
  auto provider_token = json_member(token_res.body, "access_token");
  if (token_res.status != 200 || provider_token.empty())
    return http::error_response(reason_code::invalid_credentials, "Discord refused the code");
  auto user_res = outbound_request(http::verb::get, settings_.user_url, {},
                                   {{"Authorization", "Bearer " + provider_token}}, provider_timeout_);
  auto discord_id = json_member(user_res.body, "id");
  if (user_res.status != 200 || discord_id.empty())
    return http::error_response(reason_code::invalid_credentials, "Discord user lookup failed");

  auto user = find_or_create(discord_id, json_member(user_res.body, "username"));
  auto tokens = auth_.sign_in(user);
  boost::urls::url fragment_query;
  fragment_query.params().append({"access_token", tokens.access_token});
  fragment_query.params().append({"refresh_token", tokens.refresh_token});
  fragment_query.params().append({"expires_in", std::to_string(tokens.expires_in_s)});
  return redirect("/#/auth/callback?" + std::string(fragment_query.encoded_query()));
}

} // namespace bourse::net::api
