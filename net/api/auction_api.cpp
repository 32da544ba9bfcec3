#include "net/api/auction_api.hpp"
#include "actors/runtime/spawn_task.hpp"

#include "net/api/actor_bridge.hpp"
#include "net/api/auction_json.hpp"
#include "net/api/gather.hpp"
#include "net/api/json_fields.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <map>

namespace bourse::net::api {

namespace {

using boost::json::object;

constexpr timestamp_ns ns_per_s = 1'000'000'000;

/// The lot of the {id} path parameter, or an invalid handle.
auction_actor lot_of(const auction_registry& lots, const http::request_context& ctx) {
  auto text = ctx.param("id");
  lot_id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size())
    return {};
  return lots.find(id);
}

/// A lot definition from a create body; durations in seconds (default 300 each), start "now" or
/// "manual" (default), seller "house" (default) or "self".
std::optional<lot_definition> decode_lot(json_fields& f, account_id auctioneer) {
  lot_definition lot;
  lot.title = f.text("title");
  lot.description = f.text("description", false);
  lot.image_url = f.text("image_url", false);
  lot.auctioneer = auctioneer;
  lot.item_ref = f.text("item_ref", false);
  lot.symbol = f.text("symbol", false);
  lot.qty = f.integer("quantity", false);
  lot.kind = lot.item_ref.empty() ? lot_kind::shares : lot_kind::item;
  lot.start_price = f.integer("start_price");
  lot.increment = f.integer("increment");
  lot.reserve_price = f.integer("reserve_price", false);
  lot.duration_ns = f.integer("duration_s", false, lot.duration_ns / ns_per_s) * ns_per_s;
  lot.extension_window_ns =
      f.integer("extension_window_s", false, lot.extension_window_ns / ns_per_s) * ns_per_s;
  lot.extension_ns = f.integer("extension_s", false, lot.extension_ns / ns_per_s) * ns_per_s;
  lot.allow_self_outbid = f.flag("allow_self_outbid");
  auto seller = f.text("seller", false);
  if (seller == "self")
    lot.seller = auctioneer;
  else if (!seller.empty() && seller != "house")
    f.fail(reason_code::malformed_request, "seller must be house or self");
  constexpr std::int64_t max_duration_s = 7 * 24 * 3600;
  for (auto key : {"duration_s", "extension_window_s", "extension_s"})
    if (f.integer(key, false) > max_duration_s)
      f.fail(reason_code::invalid_lot, std::string(key) + " is above a week");
  if (!f.ok())
    return std::nullopt;
  return lot;
}

} // namespace

timestamp_ns utc_now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

auction_api::auction_api(caf::actor_system& sys, auction_registry& lots, std::chrono::milliseconds timeout)
    : sys_(sys), lots_(lots), timeout_(timeout) {
  // nop
}

void auction_api::add_routes(http::router& routes) {
  routes.add(http::verb::get, "/api/v1/auctions", permission::read_market,
             [this](http::request_context, http::responder r) { list(std::move(r)); });
  routes.add(http::verb::post, "/api/v1/auctions", permission::run_auctions,
             [this](http::request_context c, http::responder r) { create(std::move(c), std::move(r)); });
  routes.add(http::verb::get, "/api/v1/auctions/{id}", permission::read_market,
             [this](http::request_context c, http::responder r) { read(std::move(c), std::move(r)); });
  routes.add(
      http::verb::post, "/api/v1/auctions/{id}/start", permission::run_auctions,
      [this](http::request_context c, http::responder r) { command(std::move(c), std::move(r), true); });
  routes.add(
      http::verb::post, "/api/v1/auctions/{id}/cancel", permission::run_auctions,
      [this](http::request_context c, http::responder r) { command(std::move(c), std::move(r), false); });
  routes.add(http::verb::post, "/api/v1/auctions/{id}/bids", permission::trade,
             [this](http::request_context c, http::responder r) { bid(std::move(c), std::move(r)); });
  routes.add(http::verb::get, "/api/v1/account/items", permission::trade,
             [this](http::request_context c, http::responder r) { items(std::move(c), std::move(r)); });
}

void auction_api::list(http::responder respond) {
  with_records(std::move(respond), [](const std::map<lot_id, auction_record>& records) {
    boost::json::array out;
    auto now = utc_now_ns();
    for (const auto& [id, record] : records) {
      auto lot = auction_json(record, now);
      lot.erase("bids");
      out.push_back(std::move(lot));
    }
    return http::json_response(boost::json::serialize(object{{"auctions", std::move(out)}}));
  });
}

void auction_api::items(http::request_context ctx, http::responder respond) {
  with_records(std::move(respond), [owner = ctx.user->user](const std::map<lot_id, auction_record>& records) {
    boost::json::array out;
    for (const auto& [id, record] : records)
      if (item_delivered(record) && record.result.winner == owner)
        out.push_back(owned_item_json(record));
    return http::json_response(boost::json::serialize(object{{"items", std::move(out)}}));
  });
}

void auction_api::with_records(
    http::responder respond, std::function<http::response(const std::map<lot_id, auction_record>&)> render) {
  auto records = std::make_shared<std::map<lot_id, auction_record>>();
  auto g = std::make_shared<gather>();
  g->respond = std::move(respond);
  g->done = [records, render = std::move(render)] { return render(*records); };
  spawn_task(sys_, [g, records, lots = lots_.all(), timeout = timeout_](caf::event_based_actor* self) {
    for (const auto& [id, lot] : lots) {
      ++g->pending;
      self->request(lot, timeout, caf::get_atom::value, atoms::snapshot::value)
          .then([g, records, id = id](auction_record& r) { records->emplace(id, std::move(r)), g->arrive(); },
                [g](caf::error& err) { g->fail(err); });
    }
    g->arrive();
  });
}

void auction_api::create(http::request_context ctx, http::responder respond) {
  json_fields fields(ctx.req.body(),
                     {"title", "description", "image_url", "item_ref", "symbol", "quantity", "start_price",
                      "increment", "reserve_price", "duration_s", "extension_window_s", "extension_s",
                      "allow_self_outbid", "seller", "start"});
  auto start = fields.text("start", false);
  if (!start.empty() && start != "now" && start != "manual")
    fields.fail(reason_code::malformed_request, "start must be now or manual");
  auto lot = decode_lot(fields, ctx.user->user);
  if (!lot)
    return respond(http::error_response(fields.code(), fields.message()));
  auto [id, why] = lots_.create(std::move(*lot), utc_now_ns());
  if (why != reason_code::none)
    return respond(http::error_response(why));
  auto actor = lots_.find(id);
  auto answer = [actor, respond, timeout = timeout_](caf::event_based_actor* self) {
    self->request(actor, timeout, caf::get_atom::value, atoms::snapshot::value)
        .then(
            [respond](auction_record& r) {
              respond(http::json_response(boost::json::serialize(auction_json(r, utc_now_ns())),
                                          http::status::created));
            },
            [respond](caf::error& err) { respond(http::error_response(to_reason(err))); });
  };
  if (start != "now")
    return static_cast<void>(spawn_task(sys_, answer));
  spawn_task(sys_,
             [actor, answer, respond, by = ctx.user->user, timeout = timeout_](caf::event_based_actor* self) {
               self->request(actor, timeout, auction_atoms::start::value, by)
                   .then(
                       [=](reason_code code) {
                         if (code != reason_code::none)
                           return respond(http::error_response(code));
                         answer(self);
                       },
                       [respond](caf::error& err) { respond(http::error_response(to_reason(err))); });
             });
}

void auction_api::read(http::request_context ctx, http::responder respond) {
  std::function<http::response(auction_record&)> on_reply = [](auction_record& r) {
    return http::json_response(boost::json::serialize(auction_json(r, utc_now_ns())));
  };
  ask_actor<auction_record>(sys_, lot_of(lots_, ctx), timeout_, std::move(respond), on_reply,
                            reason_code::not_found, caf::get_atom::value, atoms::snapshot::value);
}

void auction_api::command(http::request_context ctx, http::responder respond, bool start) {
  std::function<http::response(reason_code&)> on_reply = [start](reason_code& code) {
    if (code != reason_code::none)
      return http::error_response(code);
    return http::json_response(boost::json::serialize(object{{"status", start ? "RUNNING" : "CANCELLED"}}));
  };
  auto lot = lot_of(lots_, ctx);
  if (start)
    return ask_actor<reason_code>(sys_, lot, timeout_, std::move(respond), on_reply, reason_code::not_found,
                                  auction_atoms::start::value, ctx.user->user);
  ask_actor<reason_code>(sys_, lot, timeout_, std::move(respond), on_reply, reason_code::not_found,
                         atoms::cancel::value, ctx.user->user);
}

void auction_api::bid(http::request_context ctx, http::responder respond) {
  json_fields fields(ctx.req.body(), {"amount"});
  auto amount = fields.integer("amount");
  if (!fields.ok())
    return respond(http::error_response(fields.code(), fields.message()));
  std::function<http::response(bid_reply&)> on_reply = [amount](bid_reply& r) {
    if (r.reason != reason_code::none)
      return http::error_response(r.reason);
    return http::json_response(
        boost::json::serialize(object{{"amount", amount}, {"min_next_bid", r.min_next_bid}}),
        http::status::created);
  };
  ask_actor<bid_reply>(sys_, lot_of(lots_, ctx), timeout_, std::move(respond), on_reply,
                       reason_code::not_found, auction_atoms::bid::value, ctx.user->user, cents{amount});
}

} // namespace bourse::net::api
