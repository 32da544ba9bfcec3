#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bots/data/bar.hpp"
#include "bots/strategy/strategy.hpp"

namespace bourse::bots {

/// One bot of a simulated market: a strategy (the same object live runs, e.g. from make_strategy)
/// with its per-bot risk limits and fundamental. Money cents.
struct sim_bot {
  std::string name;
  std::unique_ptr<strategy> strat;
  risk_limits risk;
  cents starting_cash = 10'000'000;
  fundamental_source fundamental; ///< the symbol's real price path on the game clock (may be empty)
};

/// The L2 depth bots are told about: best first per side, prices cents, quantities shares.
struct depth_snapshot {
  std::vector<price_level_view> bids;
  std::vector<price_level_view> asks;
};

/// Where hosted bots' orders, cancels and timer requests go (the market simulator's event queue).
class sim_exchange {
public:
  virtual ~sim_exchange() = default;
  /// Bot `bot` sent a risk-checked order at the current simulated time.
  virtual void submit(std::size_t bot, const order_request& request) = 0;
  /// Bot `bot` asked to cancel its order `client_ref`.
  virtual void cancel(std::size_t bot, std::uint64_t client_ref) = 0;
  /// Bot `bot` wants on_timer at `at` (ns); an earlier request that no longer matches is ignored.
  virtual void arm_timer(std::size_t bot, timestamp_ns at) = 0;
};

/// Hosts one strategy in the simulator the way bots/live/live_bot.cpp hosts it on a node: the same
/// strategy_context (and so the same risk_manager) updated before each callback (set_time, set_top,
/// set_last_price, on_fill, on_order_closed), and after each callback its timer request armed.
/// Times ns UTC (simulated).
class sim_bot_host final : private order_sink {
public:
  /// Bot number `index` trades as account `index + 1` under `rules`.
  sim_bot_host(std::size_t index, sim_bot bot, const instrument& rules, sim_exchange& exchange);
  sim_bot_host(const sim_bot_host&) = delete;
  sim_bot_host& operator=(const sim_bot_host&) = delete;

  /// on_start at `now`.
  void start(timestamp_ns now);
  /// The timer requested for `at` is due; stale requests (the strategy asked for another time since)
  /// are ignored, as live.
  void timer(timestamp_ns now, timestamp_ns at);
  /// New depth (on_book with the top of `depth`).
  void book(timestamp_ns now, const depth_snapshot& depth);
  /// A public trade (on_trade after set_last_price).
  void trade(timestamp_ns now, const trade_print& print);
  /// A bar closed (on_bar).
  void bar_closed(timestamp_ns now, const bar& completed);
  /// One of this bot's orders traded (context books it, then on_fill).
  void fill(timestamp_ns now, const fill_report& report);
  /// One of this bot's orders left the book without (more) fills.
  void closed(std::uint64_t client_ref);

  account_id account() const noexcept { return static_cast<account_id>(index_ + 1); }
  const std::string& name() const noexcept { return name_; }
  const strategy_context& context() const noexcept { return ctx_; }
  /// Orders that passed the risk check and were sent to the book.
  std::uint64_t orders_sent() const noexcept { return orders_sent_; }
  std::uint64_t fills() const noexcept { return fills_; }

private:
  void submit(const order_request& request) override;
  void cancel(std::uint64_t client_ref) override;

  /// Runs one strategy callback at `now`, then arms its timer request (live_bot's on_event).
  template <class F>
  void on_event(timestamp_ns now, F&& callback);

  std::size_t index_;
  std::string name_;
  std::unique_ptr<strategy> strategy_;
  sim_exchange& exchange_;
  strategy_context ctx_;
  timestamp_ns armed_timer_ = strategy_context::no_timer;
  std::uint64_t orders_sent_ = 0;
  std::uint64_t fills_ = 0;
};

} // namespace bourse::bots
