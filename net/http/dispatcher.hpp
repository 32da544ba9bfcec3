#pragma once

#include "config/settings.hpp"
#include "net/auth/access_token.hpp"
#include "net/http/router.hpp"
#include "net/http/static_files.hpp"
#include "net/limits/rate_limiter.hpp"
#include "net/metrics/metrics_registry.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace bourse::net::http {

/// Turns one parsed request into one response, independent of the connection: request id, per-IP
/// and per-user rate limits, routing (static files for unmatched GET/HEAD), bearer-token check, role
/// check, the handler, metrics and the common headers (X-Request-Id, RateLimit-Limit/-Remaining/
/// -Reset, Retry-After on 429). Thread-safe.
class dispatcher {
public:
  /// codec may be null (every bearer token is then refused); files may be empty.
  dispatcher(const config::limits_settings& limits, const router& routes, metrics::registry& registry,
             const access_token_codec* codec, std::optional<static_files> files);

  /// Handles req from client_address; done is called exactly once, possibly on another thread.
  void dispatch(request req, std::string client_address, std::function<void(response)> done);

  /// The response for a request that could not be parsed (code malformed_request or
  /// request_too_large with the HTTP status given), counted against client_address's rate limit.
  response reject(reason_code code, status s, const std::string& client_address);

private:
  struct finish_info {
    std::string request_id;
    std::string route;
    std::string method;
    bool head = false;
    rate_decision limit;
    std::int64_t start_ns = 0;
  };

  void finish(const finish_info& info, response& res);
  rate_decision tighter(const rate_decision& a, const rate_decision& b) const;

  const router& routes_;
  metrics::registry& registry_;
  const access_token_codec* codec_;
  std::optional<static_files> files_;
  rate_limiter per_ip_;
  rate_limiter per_user_;
};

/// A request id: the client's X-Request-Id if it is 1..64 characters of [A-Za-z0-9._-], else a new
/// random one.
std::string request_id_for(const request& req);

/// Monotonic clock reading, ns.
std::int64_t monotonic_ns() noexcept;

/// Wall clock, seconds since the Unix epoch.
std::int64_t unix_seconds() noexcept;

} // namespace bourse::net::http
