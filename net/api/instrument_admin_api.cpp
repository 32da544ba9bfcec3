#include "net/api/instrument_admin_api.hpp"

#include "net/api/blocking.hpp"
#include "net/api/instrument_json.hpp"
#include "persistence/instrument_rows.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

namespace bourse::net::api {

instrument_admin_api::instrument_admin_api(const exchange& ex, pg_link* database,
                                           boost::asio::thread_pool& pool,
                                           std::function<void(const instrument&)> on_listed)
    : ex_(ex), database_(database), pool_(pool), on_listed_(std::move(on_listed)) {
  // nop
}

void instrument_admin_api::add_routes(http::router& routes) {
  routes.add(http::verb::post, "/api/v1/admin/instruments", permission::administer,
             [this](http::request_context ctx, http::responder respond) {
               create(std::move(ctx), std::move(respond));
             });
}

void instrument_admin_api::create(http::request_context ctx, http::responder respond) {
  auto decoded = decode_instrument(ctx.req.body());
  if (decoded.code != reason_code::none)
    return respond(http::error_response(decoded.code, decoded.message));
  if (ex_.instruments->current().contains(decoded.rules.symbol))
    return respond(http::error_response(reason_code::symbol_listed));
  if (database_ == nullptr)
    return respond(list(decoded.rules));
  run_blocking(pool_, std::move(respond), [this, rules = std::move(decoded.rules)] {
    const auto written =
        database_->with([&](pg_connection& conn) { return insert_instrument_row(conn, rules); });
    if (!written) {
      spdlog::error("listing {}: {}", rules.symbol, written.error().message);
      return http::error_response(written.error().code);
    }
    if (!*written)
      return http::error_response(reason_code::symbol_listed);
    return list(rules);
  });
}

http::response instrument_admin_api::list(const instrument& rules) {
  if (!list_instrument(ex_, rules))
    return http::error_response(reason_code::symbol_listed);
  if (on_listed_)
    on_listed_(rules);
  spdlog::info("listed {} ({})", rules.symbol, to_string(rules.type));
  return http::json_response(boost::json::serialize(instrument_json(rules)), http::status::created);
}

} // namespace bourse::net::api
