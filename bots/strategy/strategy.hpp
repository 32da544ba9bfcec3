#pragma once

#include "bots/data/bar.hpp"
#include "bots/strategy/market_events.hpp"
#include "bots/strategy/strategy_context.hpp"

namespace bourse::bots {

/// A trading strategy for one symbol. The host (backtester or live bot) calls these in event order,
/// after updating the context (time, top, fills); a strategy acts only through `ctx`. Callbacks that a
/// strategy does not need keep the empty default. The same code runs live and in backtests.
class strategy {
public:
  virtual ~strategy() = default;
  /// Once, before any event (e.g. to schedule the first timer).
  virtual void on_start(strategy_context& ctx) {}
  /// Top of book or depth changed.
  virtual void on_book(strategy_context& ctx, const book_view& book) {}
  /// A public trade happened.
  virtual void on_trade(strategy_context& ctx, const trade_print& trade) {}
  /// A bar completed (its close is in the past).
  virtual void on_bar(strategy_context& ctx, const bar& completed) {}
  /// One of this bot's orders traded; the context has booked it already.
  virtual void on_fill(strategy_context& ctx, const fill_report& fill) {}
  /// The time requested with strategy_context::set_timer has come.
  virtual void on_timer(strategy_context& ctx, timestamp_ns now) {}
};

} // namespace bourse::bots
