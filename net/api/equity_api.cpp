#include "net/api/equity_api.hpp"

#include "net/api/blocking.hpp"
#include "net/api/market_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <limits>

namespace bourse::net::api {
namespace {

constexpr std::int64_t default_points = 1'440;
constexpr std::int64_t max_points = 5'000;

} // namespace

void equity_api::add_routes(http::router& routes) {
  routes.add(http::verb::get, "/api/v1/account/equity", permission::trade,
             [this](http::request_context ctx, http::responder respond) {
               curve(std::move(ctx), std::move(respond));
             });
}

void equity_api::curve(http::request_context ctx, http::responder respond) {
  const auto limit = query_integer(ctx.req, "limit", default_points);
  const auto before = query_integer(ctx.req, "before_ns", std::numeric_limits<std::int64_t>::max());
  if (!limit || *limit < 1 || *limit > max_points)
    return respond(http::error_response(reason_code::malformed_request, "limit must be 1..5000"));
  if (!before || *before < 1)
    return respond(
        http::error_response(reason_code::malformed_request, "before_ns must be a positive integer"));
  run_blocking(pool_, std::move(respond), [this, account = ctx.user->user, limit = *limit, before = *before] {
    boost::json::array points;
    for (const auto& s : store_.curve(account, before, limit))
      points.push_back(boost::json::object{{"time_ns", s.time}, {"equity", s.equity}, {"cash", s.cash}});
    return http::json_response(boost::json::serialize(boost::json::object{{"points", std::move(points)}}));
  });
}

} // namespace bourse::net::api
