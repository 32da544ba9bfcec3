#include "bots/backtest/sim_bot_host.hpp"

namespace bourse::bots {

sim_bot_host::sim_bot_host(std::size_t index, sim_bot bot, const instrument& rules, sim_exchange& exchange)
    : index_(index), name_(std::move(bot.name)), strategy_(std::move(bot.strat)), exchange_(exchange),
      ctx_(rules, static_cast<account_id>(index + 1), bot.starting_cash, bot.risk,
           static_cast<order_sink&>(*this)) {
  ctx_.set_fundamental(std::move(bot.fundamental));
}

template <class F>
void sim_bot_host::on_event(timestamp_ns now, F&& callback) {
  ctx_.set_time(now);
  callback();
  const auto at = ctx_.timer_at();
  if (at != strategy_context::no_timer && at != armed_timer_) {
    armed_timer_ = at;
    exchange_.arm_timer(index_, at);
  }
}

void sim_bot_host::start(timestamp_ns now) {
  on_event(now, [this] { strategy_->on_start(ctx_); });
}

void sim_bot_host::timer(timestamp_ns now, timestamp_ns at) {
  if (ctx_.timer_at() != at)
    return;
  armed_timer_ = strategy_context::no_timer;
  ctx_.clear_timer();
  on_event(now, [&] { strategy_->on_timer(ctx_, now); });
}

void sim_bot_host::book(timestamp_ns now, const depth_snapshot& depth) {
  top_of_book top;
  if (!depth.bids.empty())
    top.bid_price = depth.bids.front().price, top.bid_qty = depth.bids.front().qty;
  if (!depth.asks.empty())
    top.ask_price = depth.asks.front().price, top.ask_qty = depth.asks.front().qty;
  ctx_.set_top(top);
  on_event(now, [&] { strategy_->on_book(ctx_, book_view{now, top, depth.bids, depth.asks}); });
}

void sim_bot_host::trade(timestamp_ns now, const trade_print& print) {
  ctx_.set_last_price(print.price);
  on_event(now, [&] { strategy_->on_trade(ctx_, print); });
}

void sim_bot_host::bar_closed(timestamp_ns now, const bar& completed) {
  on_event(now, [&] { strategy_->on_bar(ctx_, completed); });
}

void sim_bot_host::fill(timestamp_ns now, const fill_report& report) {
  ++fills_;
  on_event(now, [&] {
    ctx_.on_fill(report);
    strategy_->on_fill(ctx_, report);
  });
}

void sim_bot_host::closed(std::uint64_t client_ref) {
  ctx_.on_order_closed(client_ref);
}

void sim_bot_host::submit(const order_request& request) {
  ++orders_sent_;
  exchange_.submit(index_, request);
}

void sim_bot_host::cancel(std::uint64_t client_ref) {
  exchange_.cancel(index_, client_ref);
}

} // namespace bourse::bots
