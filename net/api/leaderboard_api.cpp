#include "net/api/leaderboard_api.hpp"

#include "actors/common/checked_math.hpp"
#include "actors/runtime/spawn_task.hpp"
#include "net/api/account_views.hpp"
#include "net/api/blocking.hpp"
#include "net/api/market_api.hpp"
#include "net/api/marks.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace bourse::net::api {
namespace {

using boost::json::object;

constexpr std::int64_t default_leaders = 100;
constexpr std::int64_t max_leaders = 1'000;
constexpr std::size_t max_ranked_accounts = 10'000;

struct ranked {
  account_id id = 0;
  cents cash = 0;
  cents net_worth = 0;
};

/// The `limit` richest of `views`, by net worth then id.
std::vector<ranked> rank(const std::vector<account_view>& views, std::int64_t limit) {
  std::vector<ranked> rows;
  rows.reserve(views.size());
  for (const auto& v : views)
    rows.push_back({v.id, saturating_add(v.cash_free, v.cash_reserved), v.equity});
  std::sort(rows.begin(), rows.end(), [](const ranked& a, const ranked& b) {
    return a.net_worth != b.net_worth ? a.net_worth > b.net_worth : a.id < b.id;
  });
  if (rows.size() > static_cast<std::size_t>(limit))
    rows.resize(static_cast<std::size_t>(limit));
  return rows;
}

http::response leaderboard_json(const std::vector<ranked>& rows, const owner_lookup& owners) {
  std::vector<account_id> ids;
  for (const auto& r : rows)
    ids.push_back(r.id);
  const auto names = owners(ids);
  boost::json::array out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const auto owner = names.find(r.id);
    const bool known = owner != names.end();
    out.push_back({{"rank", i + 1},
                   {"account_id", r.id},
                   {"username", known ? owner->second.username : "account " + std::to_string(r.id)},
                   {"kind", known && owner->second.bot ? "BOT" : "PLAYER"},
                   {"cash", r.cash},
                   {"holdings", r.net_worth - r.cash},
                   {"net_worth", r.net_worth}});
  }
  return http::json_response(boost::json::serialize(object{{"leaderboard", std::move(out)}}));
}

} // namespace

leaderboard_api::leaderboard_api(caf::actor_system& sys, std::shared_ptr<placement> where,
                                 std::shared_ptr<const instrument_registry> instruments,
                                 std::shared_ptr<const account_store> accounts,
                                 std::chrono::milliseconds timeout, owner_lookup owners,
                                 boost::asio::thread_pool& pool)
    : sys_(sys), where_(std::move(where)), instruments_(std::move(instruments)),
      accounts_(std::move(accounts)), timeout_(timeout), owners_(std::move(owners)), pool_(pool) {
  // nop
}

void leaderboard_api::add_routes(http::router& routes) {
  routes.add(http::verb::get, "/api/v1/leaderboard", permission::read_market,
             [this](http::request_context ctx, http::responder respond) {
               leaderboard(std::move(ctx), std::move(respond));
             });
}

void leaderboard_api::leaderboard(http::request_context ctx, http::responder respond) {
  auto limit = query_integer(ctx.req, "limit", default_leaders);
  if (!limit || *limit < 1 || *limit > max_leaders)
    return respond(http::error_response(reason_code::malformed_request, "limit must be 1..1000"));
  spawn_task(sys_, [=, this, limit = *limit](caf::event_based_actor* self) {
    request_marks(self, *where_, instruments_->current(), timeout_, [=, this](mark_prices marks) {
      gather_account_views(self, *where_, instruments_->current(), *accounts_, marks, timeout_,
                           max_ranked_accounts, [=, this](std::vector<account_view> views) {
                             run_blocking(pool_, respond, [rows = rank(views, limit), owners = owners_] {
                               return leaderboard_json(rows, owners);
                             });
                           });
    });
  });
}

} // namespace bourse::net::api
