#include "net/ws/session.hpp"

#include "actors/runtime/errors.hpp"
#include "net/api/json_fields.hpp"
#include "net/api/order_json.hpp"
#include "net/http/dispatcher.hpp"
#include "net/ws/session_state.hpp"
#include "net/ws/ws_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <algorithm>
#include <chrono>

namespace bourse::net::ws {

namespace {

/// RFC 6455 close code 1008 (policy violation).
constexpr std::uint16_t close_policy = 1008;

} // namespace

std::int64_t unix_ms() noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

session_state::session_state(session_actor::pointer self, session_config cfg, std::shared_ptr<ws_outbox> out,
                             std::optional<access_claims> user)
    : self_(self), cfg_(std::move(cfg)), out_(std::move(out)), user_(std::move(user)),
      inbound_(cfg_.messages_per_s, cfg_.messages_per_s) {
  // nop
}

void session_state::push(std::string text) {
  if (!closed_ && !out_->offer(make_frame(std::move(text)), cfg_.bounds))
    on_closed(); // past the bounds (closed SLOW_CONSUMER now), or closed by the fan-out
}

void session_state::close(std::uint16_t code, std::string_view reason) {
  if (closed_)
    return;
  closed_ = true;
  out_->close(code, std::string(reason));
  on_closed();
}

void session_state::on_closed() {
  closed_ = true;
  self_->send(cfg_.fanout, fanout_leave{{}, out_});
  for (const auto& [id, feed] : auctions_)
    self_->send(feed.lot, bourse::atoms::unsubscribe::value, caf::actor_cast<auction_subscriber>(self_));
  auctions_.clear();
  stop_listening();
  self_->quit();
}

void session_state::reply_error(const boost::json::value& id, reason_code code, std::string_view message) {
  push(error_frame(id, code, message));
}

void session_state::on_frame(const std::string& text) {
  if (!inbound_.acquire("", http::monotonic_ns()).allowed)
    return reply_error(nullptr, reason_code::rate_limited);
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_object())
    return reply_error(nullptr, reason_code::malformed_request, "a frame must be one JSON object");
  auto& op = parsed.as_object();
  boost::json::value id = op.contains("id") ? op.at("id") : boost::json::value(nullptr);
  const auto* name = op.if_contains("op");
  if (name == nullptr || !name->is_string())
    return reply_error(id, reason_code::malformed_request, "op must be a string");
  const auto& verb = name->as_string();
  if (verb == "ping")
    return push(boost::json::serialize(
        boost::json::object{{"id", id}, {"type", "pong"}, {"server_time_ms", unix_ms()}}));
  if (verb == "auth")
    return authenticate(id, op);
  if (verb == "subscribe" || verb == "unsubscribe")
    return subscribe(id, op, verb == "subscribe");
  if (verb == "order.new")
    return order_new(id, std::move(op));
  if (verb == "order.cancel" || verb == "order.replace")
    return order_change(id, std::move(op), verb == "order.replace");
  reply_error(id, reason_code::malformed_request, "unknown op");
}

void session_state::authenticate(const boost::json::value& id, const boost::json::object& op) {
  const auto* token = op.if_contains("token");
  if (token == nullptr || !token->is_string())
    return reply_error(id, reason_code::malformed_request, "token must be a string");
  auto check = cfg_.codec == nullptr
                   ? token_check{}
                   : cfg_.codec->verify(std::string_view(token->as_string()), unix_ms() / 1000);
  if (check.code != reason_code::none)
    return reply_error(id, check.code);
  if (user_ && user_->user != check.claims.user)
    return reply_error(id, reason_code::forbidden, "the session belongs to another user");
  user_ = std::move(check.claims);
  watch_expiry();
  push(result_frame(id, boost::json::object{{"user", user_->user},
                                            {"username", user_->username},
                                            {"role", to_string(user_->user_role)},
                                            {"expires_at_s", user_->expires_at_s}}));
}

void session_state::on_auth_due() {
  if (!user_ && channels_.empty())
    close(close_policy, to_string(reason_code::unauthenticated));
}

void session_state::on_tick() {
  if (closed_)
    return;
  push(bare_frame("heartbeat", unix_ms()));
  if (!closed_)
    self_->delayed_send(self_, cfg_.heartbeat, atoms::tick::value);
}

void session_state::on_expiry() {
  if (!closed_ && user_ && user_->expires_at_s <= unix_ms() / 1000)
    close(close_policy, to_string(reason_code::token_expired));
}

void session_state::watch_expiry() {
  if (user_)
    self_->delayed_send(
        self_, std::chrono::milliseconds(std::max<std::int64_t>(0, user_->expires_at_s * 1000 - unix_ms())),
        atoms::expiry::value);
}

reason_code session_state::trading_denied() const {
  return check_permission(user_ ? std::optional<role>(user_->user_role) : std::nullopt, permission::trade);
}

void session_state::order_new(const boost::json::value& id, boost::json::object op) {
  if (auto denied = trading_denied(); denied != reason_code::none)
    return reply_error(id, denied);
  op.erase("op");
  op.erase("id");
  auto decoded = api::decode_new_order(boost::json::serialize(op), cfg_.instruments->current());
  if (decoded.code != reason_code::none)
    return reply_error(id, decoded.code, decoded.message);
  auto account = cfg_.where->account(user_->user);
  if (!account)
    return reply_error(id, reason_code::unavailable);
  self_->request(account, cfg_.request_timeout, bourse::atoms::place::value, std::move(decoded.order))
      .then(
          [this, id](order_result& r) {
            if (r.reason != reason_code::none)
              return reply_error(id, r.reason);
            push(result_frame(id, order_result_json(r)));
            if (has_private())
              poll_account();
          },
          [this, id](caf::error& err) { reply_error(id, to_reason(err)); });
}

void session_state::order_change(const boost::json::value& id, boost::json::object op, bool replace) {
  if (auto denied = trading_denied(); denied != reason_code::none)
    return reply_error(id, denied);
  op.erase("op");
  op.erase("id");
  auto body = boost::json::serialize(op);
  api::json_fields fields =
      replace ? api::json_fields(body, {"order_id", "symbol", "client_order_id", "price", "quantity"})
              : api::json_fields(body, {"order_id", "symbol", "client_order_id"});
  auto order = fields.integer("order_id", false);
  auto symbol = fields.text("symbol", order == 0);
  auto client_order_id = fields.integer("client_order_id", order == 0);
  auto price = replace ? fields.integer("price") : 0;
  auto qty = replace ? fields.integer("quantity") : 0;
  if (!fields.ok())
    return reply_error(id, fields.code(), fields.message());
  auto account = cfg_.where->account(user_->user);
  if (!account)
    return reply_error(id, reason_code::unavailable);
  auto act = [this, id, account, replace, price, qty](const std::string& sym, std::uint64_t coid) {
    auto done = [this, id](order_result& r) {
      if (r.reason != reason_code::none)
        return reply_error(id, r.reason);
      push(result_frame(id, order_result_json(r)));
      if (has_private())
        poll_account();
    };
    auto failed = [this, id](caf::error& err) { reply_error(id, to_reason(err)); };
    if (replace)
      self_
          ->request(account, cfg_.request_timeout, bourse::atoms::replace::value, sym, coid, cents{price},
                    quantity{qty})
          .then(done, failed);
    else
      self_->request(account, cfg_.request_timeout, bourse::atoms::cancel::value, sym, coid)
          .then(done, failed);
  };
  if (order == 0)
    return act(symbol, static_cast<std::uint64_t>(client_order_id));
  // By order id: the account cancels and replaces by (symbol, client_order_id), so look it up.
  self_->request(account, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::view::value)
      .then(
          [this, id, act, order](account_view& v) {
            auto it = std::find_if(v.open_orders.begin(), v.open_orders.end(), [&](const open_order_view& o) {
              return o.id == static_cast<order_id>(order);
            });
            if (it == v.open_orders.end())
              return reply_error(id, reason_code::unknown_order);
            act(it->symbol, it->client_order_id);
          },
          [this, id](caf::error& err) { reply_error(id, to_reason(err)); });
}

session_actor spawn_session(caf::actor_system& sys, const session_config& cfg, std::shared_ptr<ws_outbox> out,
                            std::optional<access_claims> user) {
  return sys.spawn(
      [](session_actor::pointer self, session_config c, std::shared_ptr<ws_outbox> o,
         std::optional<access_claims> u) -> session_actor::behavior_type {
        auto s = std::make_shared<session_state>(self, c, std::move(o), std::move(u));
        s->watch_expiry();
        self->delayed_send(self, c.heartbeat, atoms::tick::value);
        self->delayed_send(self, c.auth_timeout, atoms::auth_due::value);
        return {
            [s](const auction_event& e) { s->on_auction_event(e); },
            [s](const fill_notice& fill) { s->on_fill(fill); },
            [s](bourse::atoms::update, account_id) { s->poll_account(); },
            [s](atoms::frame, const std::string& text) { s->on_frame(text); },
            [s](atoms::closed) { s->on_closed(); },
            [s](atoms::tick) { s->on_tick(); },
            [s](atoms::auth_due) { s->on_auth_due(); },
            [s](atoms::expiry) { s->on_expiry(); },
        };
      },
      cfg, std::move(out), std::move(user));
}

} // namespace bourse::net::ws
