#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "actors/book/order_book.hpp"
#include "actors/common/instrument.hpp"
#include "bots/strategy/fundamental_source.hpp"
#include "bots/strategy/market_events.hpp"
#include "bots/strategy/position_ledger.hpp"
#include "bots/strategy/risk_manager.hpp"

namespace bourse::bots {

/// Where a bot's orders go: the backtest simulator or, live, the bot process's link to a node.
/// The host reports back through strategy_context::on_fill / on_order_closed.
class order_sink {
public:
  virtual ~order_sink() = default;
  /// Sends an order already risk-checked; `request.client_ref` identifies it from now on.
  virtual void submit(const order_request& request) = 0;
  /// Asks to cancel the open order with this client_ref.
  virtual void cancel(std::uint64_t client_ref) = 0;
  /// The bot's risk manager refused `request` (nothing was sent): live bots log the decision.
  virtual void refused(const order_request& request, reason_code reason) {}
};

/// What a sent order got: its client_ref, or the risk rule that refused it (nothing was sent).
struct order_ticket {
  std::uint64_t client_ref = 0;
  reason_code reason = reason_code::none;
  bool ok() const noexcept { return reason == reason_code::none; }
};

/// A strategy's view of its bot in one symbol: clock, book top, position, cash, open orders, and
/// order entry through the per-bot risk manager. The same class runs live and in backtests; only the
/// order_sink and whoever calls the host methods differ.
class strategy_context {
public:
  /// `owner` is stamped on every order; money cents, limits as in risk_limits.
  strategy_context(instrument rules, account_id owner, cents starting_cash, risk_limits limits,
                   order_sink& sink);

  // --- for strategies ---------------------------------------------------------------------------
  /// Risk-checks `request` (owner and client_ref are filled in) and sends it.
  order_ticket send(order_request request);
  /// Limit order helper: price cents (must be on tick), qty shares, time in force.
  order_ticket send_limit(side s, cents price, quantity qty, time_in_force tif = time_in_force::gtc);
  /// Market order helper (IOC by nature): qty shares.
  order_ticket send_market(side s, quantity qty);
  /// Cancels one open order; unknown refs are ignored.
  void cancel(std::uint64_t client_ref);
  /// Cancels every open order of this bot.
  void cancel_all();
  /// Requests one on_timer call at the first moment >= `at` ns UTC; replaces an earlier request.
  void set_timer(timestamp_ns at) noexcept { timer_at_ = at; }

  timestamp_ns now() const noexcept { return now_; }
  const instrument& rules() const noexcept { return rules_; }
  /// Last top of book the host reported.
  const top_of_book& top() const noexcept { return top_; }
  /// Mid of the top in cents when two-sided, else the last fill or trade price, else 0.
  cents mark() const noexcept;
  /// The symbol's fundamental in cents now (see set_fundamental), else the instrument's reference price.
  cents fundamental() const noexcept;
  /// The price to quote around, cents: the mid when the book is two-sided, else the last trade, else
  /// fundamental() (a market that never traded). Lets market makers and noise traders open an empty
  /// book at the fundamental and refill a one-sided or emptied one where it last traded, inside the
  /// price band (which the node re-centres on trades), never at a fundamental the band excludes.
  cents quote_anchor() const noexcept;
  quantity position() const noexcept { return ledger_.position(); }
  cents cash() const noexcept { return ledger_.cash(); }
  /// Cash + position at mark() - starting cash, cents.
  cents pnl() const noexcept { return ledger_.pnl(mark()); }
  std::span<const open_order> open_orders() const noexcept { return open_; }
  /// Open shares of this bot's orders on one side.
  quantity open_qty(side s) const noexcept;
  const risk_manager& risk() const noexcept { return risk_; }
  const position_ledger& ledger() const noexcept { return ledger_; }

  // --- for hosts (backtester, live bot) -------------------------------------------------------------
  void set_time(timestamp_ns now) noexcept { now_ = now; }
  /// The symbol's real price path and the clock that maps now() to history (live: the game clock).
  void set_fundamental(fundamental_source source) { fundamental_ = std::move(source); }
  /// New top of book; feeds the kill switch (which cancels every open order when it trips).
  /// Inline: backtests call it at every price point.
  void set_top(const top_of_book& top) {
    top_ = top;
    if (risk_.limits().max_loss != 0)
      enforce_kill_switch();
  }
  /// A public trade price in cents (mark when the book is one-sided).
  void set_last_price(cents price) noexcept { last_price_ = price; }
  /// Books one own fill (position, cash, risk); the host then calls strategy::on_fill.
  fill_outcome on_fill(const fill_report& fill);
  /// The order left the book without (more) fills: cancelled, rejected, expired, IOC remainder.
  void on_order_closed(std::uint64_t client_ref) noexcept;
  /// Time of the pending timer request, or no_timer; the host clears it before calling on_timer.
  timestamp_ns timer_at() const noexcept { return timer_at_; }
  void clear_timer() noexcept { timer_at_ = no_timer; }
  /// timer_at() when no timer is pending.
  static constexpr timestamp_ns no_timer = std::numeric_limits<timestamp_ns>::max();

private:
  void enforce_kill_switch();

  instrument rules_;
  account_id owner_;
  order_sink& sink_;
  position_ledger ledger_;
  risk_manager risk_;
  fundamental_source fundamental_;
  std::vector<open_order> open_;
  top_of_book top_;
  cents last_price_ = 0;
  timestamp_ns now_ = 0;
  timestamp_ns timer_at_ = no_timer;
  std::uint64_t next_ref_ = 1;
};

} // namespace bourse::bots
