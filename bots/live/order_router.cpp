#include "bots/live/order_router.hpp"

#include "actors/runtime/errors.hpp"

namespace bourse::bots {
namespace {

constexpr std::uint64_t ref_mask = 0xffff'ffffULL;

const char* side_name(side s) noexcept {
  return s == side::buy ? "buy" : "sell";
}

bool retryable(reason_code reason) noexcept {
  return reason == reason_code::timeout || reason == reason_code::unavailable;
}

} // namespace

timestamp_ns wall_clock_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

order_router::order_router(caf::event_based_actor* self, const journal& log, std::string symbol,
                           std::uint32_t session, std::chrono::milliseconds timeout, int max_attempts,
                           std::function<void(const std::string&)> on_error)
    : self_(self), log_(log), symbol_(std::move(symbol)), session_bits_(std::uint64_t{session} << 32),
      timeout_(timeout), max_attempts_(max_attempts), on_error_(std::move(on_error)) {
  // nop
}

std::uint64_t order_router::client_ref_of(std::uint64_t client_order_id) const noexcept {
  return (client_order_id & ~ref_mask) == session_bits_ ? client_order_id & ref_mask : 0;
}

std::uint64_t order_router::wire_id(std::uint64_t client_ref) const noexcept {
  return session_bits_ | (client_ref & ref_mask);
}

timestamp_ns order_router::now() const noexcept {
  return wall_clock_ns();
}

void order_router::submit(const order_request& request) {
  new_order order;
  order.client_order_id = wire_id(request.client_ref);
  order.symbol = symbol_;
  order.order_side = request.order_side;
  order.type = request.type;
  order.tif = request.tif;
  order.price = request.price;
  order.stop_price = request.stop_price;
  order.qty = request.qty;
  order.display_qty = request.display_qty;
  order.expire_time = request.expire_time;
  order.post_only = request.post_only;
  order.stp = request.stp;
  order.margin = funding_.place(request.client_ref, request.order_side, request.qty);
  log_.write(now(), "order",
             {{"ref", request.client_ref},
              {"side", side_name(request.order_side)},
              {"type", static_cast<int>(request.type)},
              {"price", request.price},
              {"qty", request.qty},
              {"margin", order.margin}});
  const auto id = order.client_order_id;
  pending_.insert_or_assign(id, pending{std::move(order), 0});
  send(id);
}

void order_router::send(std::uint64_t client_order_id) {
  auto it = pending_.find(client_order_id);
  if (it == pending_.end())
    return;
  if (!account_) {
    fail(client_order_id, reason_code::unavailable);
    return;
  }
  ++it->second.attempts;
  self_->request(account_, timeout_, atoms::place::value, it->second.order)
      .then([this, client_order_id](const order_result& result) { finish(client_order_id, result); },
            [this, client_order_id](const caf::error& err) {
              auto it = pending_.find(client_order_id);
              if (it == pending_.end())
                return;
              if (it->second.attempts < max_attempts_ && account_)
                send(client_order_id);
              else
                fail(client_order_id, to_reason(err));
            });
}

void order_router::finish(std::uint64_t client_order_id, const order_result& result) {
  auto it = pending_.find(client_order_id);
  if (it == pending_.end())
    return;
  if (retryable(result.reason) && it->second.attempts < max_attempts_) {
    send(client_order_id);
    return;
  }
  pending_.erase(it);
  const auto ref = client_ref_of(client_order_id);
  if (result.reason == reason_code::none) {
    log_.write(now(), "order_accepted", {{"ref", ref}, {"order_id", result.id}});
    return;
  }
  log_.write(now(), "order_rejected", {{"ref", ref}, {"reason", to_string(result.reason)}});
  closed(ref);
}

void order_router::closed(std::uint64_t client_ref) {
  funding_.closed(client_ref);
  if (ctx_)
    ctx_->on_order_closed(client_ref);
}

void order_router::fail(std::uint64_t client_order_id, reason_code reason) {
  pending_.erase(client_order_id);
  const auto ref = client_ref_of(client_order_id);
  const std::string what = "order " + std::to_string(ref) + " failed: " + std::string(to_string(reason));
  log_.error(now(), "order_failed", {{"ref", ref}, {"reason", to_string(reason)}});
  closed(ref);
  if (on_error_)
    on_error_(what);
}

void order_router::refused(const order_request& request, reason_code reason) {
  log_.write(now(), "risk_refused",
             {{"side", side_name(request.order_side)},
              {"type", static_cast<int>(request.type)},
              {"price", request.price},
              {"qty", request.qty},
              {"reason", to_string(reason)}});
}

void order_router::cancel(std::uint64_t client_ref) {
  log_.write(now(), "cancel", {{"ref", client_ref}});
  if (!account_)
    return;
  self_->request(account_, timeout_, atoms::cancel::value, symbol_, wire_id(client_ref))
      .then(
          [this, client_ref](const order_result& result) {
            if (result.reason != reason_code::none)
              log_.write(now(), "cancel_refused",
                         {{"ref", client_ref}, {"reason", to_string(result.reason)}});
          },
          [this, client_ref](const caf::error& err) {
            log_.error(now(), "cancel_failed", {{"ref", client_ref}, {"reason", to_string(to_reason(err))}});
          });
}

} // namespace bourse::bots
