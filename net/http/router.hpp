#pragma once

#include "net/auth/access_token.hpp"
#include "net/auth/roles.hpp"
#include "net/http/message.hpp"

#include <boost/beast/http/verb.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bourse::net::http {

using verb = boost::beast::http::verb;

/// Everything a handler gets about one request; owned by the handler once called.
struct request_context {
  request req;
  /// Path without the query string, percent-decoded.
  std::string path;
  /// Values of the pattern's {name} segments, in pattern order.
  std::vector<std::pair<std::string, std::string>> params;
  std::string request_id;
  /// Peer IP address.
  std::string client_address;
  /// The verified bearer token's claims; nullopt for anonymous requests.
  std::optional<access_claims> user;

  /// The value of param name; empty when absent.
  std::string_view param(std::string_view name) const noexcept;
};

/// Sends the response for a request; call exactly once, from any thread.
using responder = std::function<void(response)>;

/// An asynchronous route handler: answer through respond now or later.
using handler = std::function<void(request_context ctx, responder respond)>;

/// Adapts a synchronous function to a handler.
handler sync_handler(std::function<response(request_context&)> fn);

/// A registered route as listed by router::routes().
struct route_info {
  verb method;
  std::string pattern;
  permission needs;
};

/// The outcome of router::match: a handler, or not_found / method_not_allowed.
struct route_match {
  reason_code code = reason_code::not_found;
  const handler* target = nullptr;
  const route_info* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
};

/// Maps method + path to handlers. Patterns are literal segments and {name} segments, each matching one
/// non-empty path segment: "/api/v1/orders/{id}". Literal routes win over parameter routes. Not
/// thread-safe for add(); match() is safe once routes are in place.
class router {
public:
  /// Registers handler for method and pattern, requiring permission needs. Throws
  /// std::invalid_argument for a duplicate or malformed pattern.
  void add(verb method, std::string pattern, permission needs, handler h);

  /// Finds the route for method and a decoded path.
  route_match match(verb method, std::string_view path) const;

  /// All routes, in registration order.
  std::vector<route_info> routes() const;

private:
  struct entry {
    route_info info;
    std::vector<std::string> segments;
    handler target;
  };

  std::vector<entry> entries_;
};

/// Splits a path into its segments ("/a/b/" -> {"a", "b", ""}); the leading slash is dropped.
std::vector<std::string_view> split_path(std::string_view path);

} // namespace bourse::net::http
