#pragma once

#include "bots/live/order_funding.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include <caf/event_based_actor.hpp>

#include "actors/runtime/interfaces.hpp"
#include "bots/live/journal.hpp"
#include "bots/strategy/strategy_context.hpp"

namespace bourse::bots {

/// The live order_sink of one bot: turns risk-checked order_requests into new_order requests to the
/// bot's account actor, many in flight at once, each with a timeout. Wire client_order_ids are
/// (session << 32 | client_ref), so the account's idempotency never confuses two runs of a bot.
/// TIMEOUT and UNAVAILABLE resend the same client_order_id (idempotent) up to `max_attempts`; any
/// other refusal closes the order in the context. Sells beyond the spot shares held go out as margin
/// orders (order_funding). Every order, result and cancel is journaled.
class order_router final : public order_sink {
public:
  /// `on_error` receives a description of every final failure (for status and webhooks).
  order_router(caf::event_based_actor* self, const journal& log, std::string symbol, std::uint32_t session,
               std::chrono::milliseconds timeout, int max_attempts,
               std::function<void(const std::string&)> on_error);

  /// The context orders come from; results are reported back to it.
  void attach(strategy_context* ctx) noexcept { ctx_ = ctx; }
  /// The account to send to; an invalid handle closes new orders at once (disconnected).
  void set_account(account_actor account) { account_ = std::move(account); }

  void submit(const order_request& request) override;
  void cancel(std::uint64_t client_ref) override;
  /// Logs the risk manager's refusal as a `risk_refused` line (side, type, price, qty, reason).
  void refused(const order_request& request, reason_code reason) override;

  /// The context's client_ref of a wire client_order_id, or 0 when it belongs to another session.
  std::uint64_t client_ref_of(std::uint64_t client_order_id) const noexcept;
  /// The wire client_order_id of a client_ref.
  std::uint64_t wire_id(std::uint64_t client_ref) const noexcept;
  /// `qty` shares of the order `client_ref` traded (keeps spot/margin funding current).
  void filled(std::uint64_t client_ref, quantity qty) { funding_.filled(client_ref, qty); }
  /// The order `client_ref` left the book without (more) fills; tells the context too.
  void closed(std::uint64_t client_ref);
  /// Orders sent and not yet answered.
  std::size_t in_flight() const noexcept { return pending_.size(); }

private:
  struct pending {
    new_order order;
    int attempts = 0;
  };

  void send(std::uint64_t client_order_id);
  void finish(std::uint64_t client_order_id, const order_result& result);
  void fail(std::uint64_t client_order_id, reason_code reason);
  timestamp_ns now() const noexcept;

  caf::event_based_actor* self_;
  const journal& log_;
  std::string symbol_;
  std::uint64_t session_bits_;
  std::chrono::milliseconds timeout_;
  int max_attempts_;
  std::function<void(const std::string&)> on_error_;
  strategy_context* ctx_ = nullptr;
  account_actor account_;
  std::unordered_map<std::uint64_t, pending> pending_;
  order_funding funding_;
};

/// Nanoseconds since the Unix epoch now (system clock).
timestamp_ns wall_clock_ns() noexcept;

} // namespace bourse::bots
