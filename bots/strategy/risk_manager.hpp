#pragma once

#include <cstddef>
#include <deque>

#include "actors/book/order_book.hpp"
#include "actors/book/order_request.hpp"
#include "actors/common/reason_code.hpp"

namespace bourse::bots {

/// Per-bot limits. Quantities shares, money cents, times ns. A zero limit disables its rule.
struct risk_limits {
  quantity max_position = 0;  ///< |position + same-side open orders + order| may not exceed this
  quantity max_order_qty = 0; ///< largest single order
  cents max_loss = 0;         ///< kill switch: a loss of max_loss (from the window's start) stops trading
  /// 0: the kill switch is for good. Otherwise a loss limit per window of this length (aligned to
  /// multiples of it since the epoch, e.g. a day): tripped, it holds until the next window starts, and
  /// each window measures the loss from the P&L at its start (a daily loss limit).
  timestamp_ns loss_window_ns = 0;
  std::size_t max_losing_streak = 0;     ///< this many losing closed trades in a row start a cooldown
  timestamp_ns cooldown_ns = 0;          ///< length of that cooldown
  cents max_spread_for_market = 0;       ///< market orders need a two-sided book with spread <= this
  std::size_t max_orders_per_window = 0; ///< order rate limit: orders per `rate_window_ns`
  timestamp_ns rate_window_ns = 1'000'000'000;
};

/// The state a check needs: time, position and open quantities (shares), top of book.
struct risk_inputs {
  timestamp_ns now = 0;
  quantity position = 0;
  quantity open_buy_qty = 0;
  quantity open_sell_qty = 0;
  top_of_book top;
};

/// Pre-trade risk of one bot, checked before every order it sends (live and in backtests).
/// Rules in check order: kill switch (MAX_LOSS_EXCEEDED), cooldown (LOSS_COOLDOWN), order size
/// (QUANTITY_ABOVE_MAX), position (MAX_POSITION_EXCEEDED), spread filter (SPREAD_TOO_WIDE), rate
/// limit (RATE_LIMITED).
class risk_manager {
public:
  explicit risk_manager(risk_limits limits) : limits_(limits) {}

  /// Returns reason_code::none and counts the order against the rate limit, or the first rule broken.
  reason_code check(const order_request& order, const risk_inputs& in);

  /// Feeds the bot's P&L in cents at time `now`; trips the kill switch when P&L <= baseline - max_loss
  /// (baseline 0, or with a loss window the P&L first fed in the current window), and re-arms it when
  /// a new window starts.
  void on_pnl(cents pnl, timestamp_ns now) noexcept;
  /// Feeds the realized P&L (cents) of one closed trade at time `now`; may start a cooldown.
  void on_closed_trade(cents realized, timestamp_ns now) noexcept;

  bool killed() const noexcept { return killed_; }
  /// End of the current cooldown (ns UTC), or 0 when none was started.
  timestamp_ns cooldown_until() const noexcept { return cooldown_until_; }
  std::size_t losing_streak() const noexcept { return losing_streak_; }
  const risk_limits& limits() const noexcept { return limits_; }
  /// Orders refused so far.
  std::size_t refused() const noexcept { return refused_; }

private:
  reason_code first_broken_rule(const order_request& order, const risk_inputs& in);

  risk_limits limits_;
  bool killed_ = false;
  cents baseline_ = 0;             ///< P&L the loss is measured from
  timestamp_ns window_start_ = -1; ///< start of the current loss window (-1: none yet)
  std::size_t losing_streak_ = 0;
  timestamp_ns cooldown_until_ = 0;
  std::size_t refused_ = 0;
  std::deque<timestamp_ns> recent_orders_;
};

} // namespace bourse::bots
