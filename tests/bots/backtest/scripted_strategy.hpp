#pragma once

#include <functional>
#include <vector>

#include "bots/strategy/strategy.hpp"

namespace bourse::bots::testing {

/// A strategy whose callbacks are lambdas, recording what it saw, for simulator tests.
struct scripted_strategy final : strategy {
  std::function<void(strategy_context&, const book_view&)> book;
  std::function<void(strategy_context&, const bar&)> bars;
  std::vector<fill_report> fills;
  std::vector<cents> seen_asks;

  void on_book(strategy_context& ctx, const book_view& view) override {
    seen_asks.push_back(view.top.ask_price);
    if (book)
      book(ctx, view);
  }
  void on_bar(strategy_context& ctx, const bar& completed) override {
    if (bars)
      bars(ctx, completed);
  }
  void on_fill(strategy_context& ctx, const fill_report& fill) override { fills.push_back(fill); }
};

/// A bar at day `day` (ns UTC midnight) with the given prices in cents.
inline bar day_bar(int day, cents open, cents high, cents low, cents close) {
  return {day * ns_per_day, open, high, low, close, 1'000};
}

} // namespace bourse::bots::testing
