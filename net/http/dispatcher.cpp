#include "net/http/dispatcher.hpp"

#include "config/json_log.hpp"
#include "net/auth/crypto.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <utility>

namespace bourse::net::http {

namespace field = boost::beast::http;

namespace {

constexpr std::string_view bearer_prefix = "Bearer ";

bool valid_request_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 &&
         id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
             std::string_view::npos;
}

std::int64_t ceil_seconds(std::int64_t ms) {
  return (ms + 999) / 1000;
}

} // namespace

std::string request_id_for(const request& req) {
  auto given = req["X-Request-Id"];
  if (valid_request_id(given))
    return std::string(given);
  return random_token(12);
}

std::int64_t monotonic_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t unix_seconds() noexcept {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

dispatcher::dispatcher(const config::limits_settings& limits, const router& routes,
                       metrics::registry& registry, const access_token_codec* codec,
                       std::optional<static_files> files)
    : routes_(routes), registry_(registry), codec_(codec), files_(std::move(files)),
      per_ip_(limits.requests_per_s_per_ip, limits.requests_per_s_per_ip),
      per_user_(limits.requests_per_s_per_user, limits.requests_per_s_per_user) {
  // nop
}

rate_decision dispatcher::tighter(const rate_decision& a, const rate_decision& b) const {
  if (!a.allowed || !b.allowed)
    return a.allowed ? b : a;
  return a.remaining <= b.remaining ? a : b;
}

void dispatcher::finish(const finish_info& info, response& res) {
  res.set("X-Request-Id", info.request_id);
  res.set("RateLimit-Limit", std::to_string(info.limit.limit));
  res.set("RateLimit-Remaining", std::to_string(info.limit.remaining));
  res.set("RateLimit-Reset", std::to_string(ceil_seconds(info.limit.reset_ms)));
  if (res.result() == status::too_many_requests)
    res.set(field::field::retry_after,
            std::to_string(std::max<std::int64_t>(1, ceil_seconds(info.limit.retry_after_ms))));
  if (info.head) {
    auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  auto status_text = std::to_string(res.result_int());
  registry_
      .get_counter("bourse_http_requests_total", "HTTP requests by method, route and status",
                   {{"method", info.method}, {"route", info.route}, {"status", status_text}})
      .inc();
  registry_
      .get_histogram("bourse_http_request_duration_seconds", "HTTP request latency by route",
                     {{"route", info.route}})
      .observe_ns(monotonic_ns() - info.start_ns);
  config::log_context ctx(info.request_id);
  spdlog::debug("{} {} -> {}", info.method, info.route, status_text);
}

response dispatcher::reject(reason_code code, status s, const std::string& client_address) {
  finish_info info{random_token(12), "unparsed", "-", false, per_ip_.acquire(client_address, monotonic_ns()),
                   monotonic_ns()};
  auto res = error_response(code);
  res.result(s);
  finish(info, res);
  return res;
}

void dispatcher::dispatch(request req, std::string client_address, std::function<void(response)> done) {
  auto info = std::make_shared<finish_info>();
  info->start_ns = monotonic_ns();
  info->request_id = request_id_for(req);
  info->method = std::string(req.method_string());
  info->head = req.method() == verb::head;
  info->limit = per_ip_.acquire(client_address, info->start_ns);
  // The first answer takes `done` out of the shared slot, so the connection it holds is released then,
  // not when the last copy of the responder (kept by an actor's request handlers) is destroyed, which
  // may be after the server.
  auto answered = std::make_shared<std::atomic<bool>>(false);
  auto slot = std::make_shared<std::function<void(response)>>(std::move(done));
  responder respond = [this, info, answered, slot](response res) {
    if (answered->exchange(true))
      return;
    auto reply = std::exchange(*slot, nullptr);
    finish(*info, res);
    reply(std::move(res));
  };
  if (!info->limit.allowed) {
    info->route = "rate_limited";
    return respond(error_response(reason_code::rate_limited));
  }
  auto target = boost::urls::parse_origin_form(req.target());
  if (!target) {
    info->route = "malformed";
    return respond(error_response(reason_code::malformed_request, "invalid request target"));
  }
  std::string path = target->path();
  auto match = routes_.match(req.method(), path);
  if (match.code != reason_code::none) {
    bool is_get = req.method() == verb::get || req.method() == verb::head;
    bool serve_file = files_ && is_get && match.code == reason_code::not_found;
    info->route = serve_file ? "static" : "unmatched";
    return respond(serve_file ? files_->serve(path) : error_response(match.code));
  }
  info->route = match.route->pattern;
  request_context ctx{std::move(req),   std::move(path),           std::move(match.params),
                      info->request_id, std::move(client_address), std::nullopt};
  auto authorization = ctx.req[field::field::authorization];
  if (!authorization.empty()) {
    if (!authorization.starts_with(bearer_prefix) || codec_ == nullptr)
      return respond(error_response(reason_code::token_invalid));
    auto check = codec_->verify(authorization.substr(bearer_prefix.size()), unix_seconds());
    if (check.code != reason_code::none)
      return respond(error_response(check.code));
    ctx.user = std::move(check.claims);
  }
  auto role_of = ctx.user ? std::optional<role>(ctx.user->user_role) : std::nullopt;
  if (auto denied = check_permission(role_of, match.route->needs); denied != reason_code::none)
    return respond(error_response(denied));
  if (ctx.user) {
    auto user_limit = per_user_.acquire("u:" + std::to_string(ctx.user->user), info->start_ns);
    info->limit = tighter(info->limit, user_limit);
    if (!user_limit.allowed)
      return respond(error_response(reason_code::rate_limited));
  }
  try {
    (*match.target)(std::move(ctx), respond);
  } catch (const std::exception& err) {
    config::log_context log_ctx(info->request_id);
    spdlog::error("handler for {} failed: {}", info->route, err.what());
    respond(error_response(reason_code::internal_error));
  }
}

} // namespace bourse::net::http
