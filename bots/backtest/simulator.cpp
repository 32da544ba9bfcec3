#include "bots/backtest/simulator.hpp"

#include "actors/common/checked_math.hpp"

namespace bourse::bots {
namespace {

constexpr account_id strategy_account = 1;
constexpr account_id replay_account = 2;

/// Replay orders carry level * 2 + side in client_ref.
std::uint64_t replay_ref(side s, std::size_t level) noexcept {
  return level * 2 + (s == side::buy ? 0 : 1);
}

} // namespace

bar_simulator::bar_simulator(backtest_config config) : config_(std::move(config)) {
}

bar_simulator::~bar_simulator() = default;

backtest_result bar_simulator::run(std::span<const bar> bars, strategy& strat) {
  result_ = {};
  result_.starting_cash = config_.starting_cash;
  book_.emplace(config_.rules);
  ctx_.emplace(config_.rules, strategy_account, config_.starting_cash, config_.risk,
               static_cast<order_sink&>(*this));
  pending_.clear();
  events_.clear();
  order_of_ref_.assign(1, 0);
  replay_bids_.assign(config_.replay_levels, {});
  replay_asks_.assign(config_.replay_levels, {});
  level_offsets_.clear();
  for (std::size_t level = 0; level < config_.replay_levels; ++level)
    level_offsets_.push_back((config_.half_spread_ticks + static_cast<cents>(level)) *
                             config_.rules.tick_size);
  synthetic_bids_.assign(config_.replay_levels, {0, config_.replay_depth, 1});
  synthetic_asks_.assign(config_.replay_levels, {0, config_.replay_depth, 1});
  reference_stale_ = false;
  replay_price_ = 0;
  synced_at_ = 0;
  event_index_ = 0;
  if (bars.empty())
    return std::move(result_);
  result_.equity.reserve(bars.size());
  ctx_->set_time(bars.front().time);
  strat.on_start(*ctx_);
  const timestamp_ns quarter = config_.bar_interval / 4;
  for (const auto& b : bars) {
    reference_ = b.open;
    reference_stale_ = true;
    const auto path = bar_path(b);
    for (std::size_t k = 0; k < path.size(); ++k)
      play_point(path[k], b.time + static_cast<timestamp_ns>(k) * quarter, strat);
    strat.on_bar(*ctx_, b);
    activate_due(ctx_->now(), strat);
    result_.equity.push_back({ctx_->now(), ctx_->cash() + ctx_->position() * b.close, ctx_->position()});
  }
  result_.orders_refused += ctx_->risk().refused();
  result_.killed = ctx_->risk().killed();
  return std::move(result_);
}

void bar_simulator::submit(const order_request& request) {
  if (order_of_ref_.size() <= request.client_ref)
    order_of_ref_.resize(request.client_ref + 1, 0);
  pending_.push_back({event_index_ + config_.latency_events, false, request});
}

void bar_simulator::cancel(std::uint64_t client_ref) {
  order_request request;
  request.client_ref = client_ref;
  pending_.push_back({event_index_ + config_.latency_events, true, request});
}

void bar_simulator::play_point(cents price, timestamp_ns now, strategy& strat) {
  ++event_index_;
  ++result_.price_events;
  path_price_ = price;
  ctx_->set_time(now);
  if (!config_.lazy_replay || strategy_has_book_orders())
    quote_replay(price, now, strat);
  activate_due(now, strat);
  // The view is assembled here from scalars and locals, never copied out of a struct or span just
  // written to memory: such a copy is a wide load of narrow stores (a store-forwarding stall), the
  // largest cost of a lazy point before (perf annotate, see docs/performance.md).
  std::span<const price_level_view> bids, asks;
  if (synced_at_ == event_index_) {
    read_book_levels();
    bids = bid_levels_;
    asks = ask_levels_;
  } else {
    bids = std::span(synthetic_bids_.data(), write_synthetic_levels());
    asks = synthetic_asks_;
  }
  top_of_book top;
  if (!bids.empty())
    top.bid_price = bids.front().price, top.bid_qty = bids.front().qty;
  if (!asks.empty())
    top.ask_price = asks.front().price, top.ask_qty = asks.front().qty;
  ctx_->set_top(top);
  strat.on_book(*ctx_, book_view{now, top, bids, asks});
  activate_due(now, strat);
  if (ctx_->timer_at() <= now) {
    ctx_->clear_timer();
    strat.on_timer(*ctx_, now);
    activate_due(now, strat);
  }
}

bool bar_simulator::strategy_has_book_orders() const noexcept {
  return !ctx_->open_orders().empty();
}

void bar_simulator::quote_replay(cents price, timestamp_ns now, strategy& strat) {
  sync_reference();
  // Move the side that the path moves toward first, so the replay never crosses its own quotes.
  const side first = price >= replay_price_ ? side::sell : side::buy;
  for (const side s : {first, opposite(first)})
    for (std::size_t level = 0; level < config_.replay_levels; ++level)
      place_replay(s, level, price, now, strat);
  replay_price_ = price;
  synced_at_ = event_index_;
}

void bar_simulator::place_replay(side s, std::size_t level, cents center, timestamp_ns now, strategy& strat) {
  auto& quote = (s == side::buy ? replay_bids_ : replay_asks_)[level];
  const cents price = s == side::buy ? center - level_offsets_[level] : center + level_offsets_[level];
  if (quote.id != 0 && quote.price == price && quote.open == config_.replay_depth)
    return;
  if (price <= 0) {
    if (quote.id != 0)
      book_->cancel(quote.id, replay_account, now, events_);
    quote = {};
  } else if (quote.id != 0) {
    book_->replace(quote.id, replay_account, price, config_.replay_depth, now, events_);
    quote.price = price;
    quote.open = config_.replay_depth;
  } else {
    order_request request;
    request.owner = replay_account;
    request.client_ref = replay_ref(s, level);
    request.order_side = s;
    request.price = price;
    request.qty = config_.replay_depth;
    quote = {0, price, config_.replay_depth};
    quote.id = book_->submit(request, now, events_);
  }
  handle_events(strat);
}

void bar_simulator::activate_pending(timestamp_ns now, strategy& strat) {
  while (!pending_.empty() && pending_.front().active_at <= event_index_) {
    const command cmd = pending_.front();
    pending_.pop_front();
    const auto ref = cmd.request.client_ref;
    sync_reference();
    if (cmd.is_cancel) {
      if (order_of_ref_[ref] != 0)
        book_->cancel(order_of_ref_[ref], strategy_account, now, events_);
      handle_events(strat);
      continue;
    }
    if (synced_at_ != event_index_)
      quote_replay(path_price_, now, strat);
    ++result_.orders_sent;
    const order_id id = book_->submit(cmd.request, now, events_);
    order_of_ref_[ref] = id;
    if (id == 0) {
      ++result_.orders_refused;
      ctx_->on_order_closed(ref);
    }
    handle_events(strat);
  }
}

void bar_simulator::handle_events(strategy& strat) {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    const book_event e = events_[i];
    if (e.kind == book_event_kind::fill) {
      if (e.owner == strategy_account)
        deliver_fill(e, false, strat);
      else if (e.maker_owner == strategy_account)
        deliver_fill(e, true, strat);
      if (e.owner == replay_account)
        on_replay_event(e.client_ref, e.remaining);
      if (e.maker_owner == replay_account)
        on_replay_event(e.maker_client_ref, e.maker_remaining);
    } else if ((e.kind == book_event_kind::cancelled || e.kind == book_event_kind::expired) &&
               e.remaining == 0) {
      if (e.owner == strategy_account) {
        order_of_ref_[e.client_ref] = 0;
        ctx_->on_order_closed(e.client_ref);
      } else if (e.owner == replay_account) {
        on_replay_event(e.client_ref, 0);
      }
    }
  }
  events_.clear();
}

void bar_simulator::on_replay_event(std::uint64_t client_ref, quantity remaining) {
  auto& quote = (client_ref % 2 == 0 ? replay_bids_ : replay_asks_)[client_ref / 2];
  quote.open = remaining;
  if (remaining == 0)
    quote = {};
}

void bar_simulator::deliver_fill(const book_event& e, bool maker, strategy& strat) {
  const auto ref = maker ? e.maker_client_ref : e.client_ref;
  const quantity remaining = maker ? e.maker_remaining : e.remaining;
  const auto notional = checked_notional(e.price, e.qty).value_or(0);
  const cents fee =
      checked_bps_ceil(notional, maker ? config_.maker_fee_bps : config_.taker_fee_bps).value_or(0);
  const fill_report fill{
      e.time, ref, maker ? opposite(e.order_side) : e.order_side, e.price, e.qty, remaining, fee, maker};
  if (remaining == 0)
    order_of_ref_[ref] = 0;
  const auto outcome = ctx_->on_fill(fill);
  ++result_.fills;
  result_.fees_paid += fee;
  if (outcome.closed)
    result_.trade_pnls.push_back(outcome.realized);
  strat.on_fill(*ctx_, fill);
  strat.on_trade(*ctx_, trade_print{e.time, e.price, e.qty, e.order_side});
}

void bar_simulator::read_book_levels() {
  bid_levels_.clear();
  ask_levels_.clear();
  book_->depth(side::buy, config_.replay_levels, bid_levels_);
  book_->depth(side::sell, config_.replay_levels, ask_levels_);
}

std::size_t bar_simulator::write_synthetic_levels() noexcept {
  // Offsets grow with the level, so the bids above 0 are a prefix.
  std::size_t bids = 0;
  for (std::size_t level = 0; level < level_offsets_.size(); ++level) {
    const cents offset = level_offsets_[level];
    synthetic_asks_[level].price = path_price_ + offset;
    if (path_price_ - offset > 0)
      synthetic_bids_[bids++].price = path_price_ - offset;
  }
  return bids;
}

} // namespace bourse::bots
