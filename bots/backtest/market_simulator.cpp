#include "bots/backtest/market_simulator.hpp"

#include <algorithm>

#include "actors/account/fees.hpp"

namespace bourse::bots {

market_simulator::market_simulator(market_sim_config config, std::vector<sim_bot> bots)
    : config_(std::move(config)) {
  hosts_.reserve(bots.size());
  for (auto& bot : bots)
    hosts_.push_back(std::make_unique<sim_bot_host>(hosts_.size(), std::move(bot), config_.rules,
                                                    static_cast<sim_exchange&>(*this)));
}

market_simulator::~market_simulator() = default;

market_run market_simulator::run() {
  run_ = {};
  book_.emplace(config_.rules);
  queue_ = {};
  next_seq_ = 0;
  now_ = config_.start;
  orders_.assign(hosts_.size(), std::vector<order_id>(1, 0));
  rejects_.assign(hosts_.size(), 0);
  published_ = {};
  open_bar_.reset();
  const timestamp_ns end = config_.start + config_.duration;
  if (config_.clock.seconds_per_day > 0)
    schedule(config_.start + config_.clock.seconds_per_day * 1'000'000'000, day_end{});
  schedule(config_.start + config_.sample_interval, sample_due{});
  for (auto& host : hosts_)
    host->start(now_);
  // Like a live bot's subscription snapshot: every bot first sees the (empty) book.
  schedule(now_ + config_.latency, book_notice{std::make_shared<const depth_snapshot>(published_)});
  while (!queue_.empty() && queue_.top().time <= end) {
    const event next = queue_.top();
    queue_.pop();
    now_ = next.time;
    ++run_.events;
    std::visit([this](const auto& what) { handle(what); }, next.what);
  }
  for (std::size_t bot = 0; bot < hosts_.size(); ++bot) {
    const auto& host = *hosts_[bot];
    const auto& ctx = host.context();
    run_.bots.push_back({host.name(), ctx.position(), ctx.pnl(), host.orders_sent(), ctx.risk().refused(),
                         rejects_[bot], host.fills(), ctx.risk().killed()});
  }
  return std::move(run_);
}

void market_simulator::schedule(timestamp_ns at, action what) {
  queue_.push(event{at, next_seq_++, std::move(what)});
}

void market_simulator::submit(std::size_t bot, const order_request& request) {
  schedule(now_ + config_.latency, order_arrival{bot, request});
}

void market_simulator::cancel(std::size_t bot, std::uint64_t client_ref) {
  schedule(now_ + config_.latency, cancel_arrival{bot, client_ref});
}

void market_simulator::arm_timer(std::size_t bot, timestamp_ns at) {
  schedule(std::max(at, now_), timer_due{bot, at});
}

order_id& market_simulator::order_of(std::size_t bot, std::uint64_t client_ref) {
  auto& refs = orders_[bot];
  if (refs.size() <= client_ref)
    refs.resize(client_ref + 1, 0);
  return refs[client_ref];
}

sim_bot_host* market_simulator::host_of(account_id owner) noexcept {
  if (owner == 0 || owner > static_cast<account_id>(hosts_.size()))
    return nullptr;
  return hosts_[static_cast<std::size_t>(owner - 1)].get();
}

void market_simulator::handle(const timer_due& e) {
  hosts_[e.bot]->timer(now_, e.at);
}

void market_simulator::handle(const order_arrival& e) {
  order_of(e.bot, e.request.client_ref) = book_->submit(e.request, now_, events_);
  process_book_events();
}

void market_simulator::handle(const cancel_arrival& e) {
  const order_id id = order_of(e.bot, e.client_ref);
  if (id == 0)
    return;
  book_->cancel(id, hosts_[e.bot]->account(), now_, events_);
  process_book_events();
}

void market_simulator::handle(const fill_notice& e) {
  hosts_[e.bot]->fill(now_, e.report);
}

void market_simulator::handle(const closed_notice& e) {
  hosts_[e.bot]->closed(e.client_ref);
}

void market_simulator::handle(const trade_notice& e) {
  for (auto& host : hosts_)
    host->trade(now_, e.print);
}

void market_simulator::handle(const book_notice& e) {
  for (auto& host : hosts_)
    host->book(now_, *e.depth);
}

void market_simulator::handle(const bar_notice& e) {
  for (auto& host : hosts_)
    host->bar_closed(now_, e.completed);
}

void market_simulator::handle(const bar_close& e) {
  if (open_bar_ && open_bar_->time == e.bucket)
    close_bar();
}

void market_simulator::handle(const day_end&) {
  schedule(now_ + config_.clock.seconds_per_day * 1'000'000'000, day_end{});
  book_->end_of_day(now_, events_);
  if (const cents last = book_->last_trade_price(); last > 0)
    book_->set_reference_price(last);
  process_book_events();
}

void market_simulator::handle(const sample_due&) {
  schedule(now_ + config_.sample_interval, sample_due{});
  book_sample sample{now_, 0, 0, 0};
  book_->depth(side::buy, config_.sample_levels, scratch_.bids);
  book_->depth(side::sell, config_.sample_levels, scratch_.asks);
  if (!scratch_.bids.empty())
    sample.bid = scratch_.bids.front().price;
  if (!scratch_.asks.empty())
    sample.ask = scratch_.asks.front().price;
  for (const auto* levels : {&scratch_.bids, &scratch_.asks})
    for (const auto& level : *levels)
      sample.depth += level.qty;
  run_.books.push_back(sample);
}

void market_simulator::process_book_events() {
  for (const auto& e : events_) {
    if (e.kind == book_event_kind::fill) {
      report_fill(e, false);
      report_fill(e, true);
      record_trade(e);
      continue;
    }
    const bool closed =
        e.kind == book_event_kind::rejected ||
        ((e.kind == book_event_kind::cancelled || e.kind == book_event_kind::expired) && e.remaining == 0);
    auto* host = host_of(e.owner);
    if (!closed || host == nullptr)
      continue;
    const auto bot = static_cast<std::size_t>(e.owner - 1);
    if (e.kind == book_event_kind::rejected)
      ++rejects_[bot];
    order_of(bot, e.client_ref) = 0;
    schedule(now_ + config_.latency, closed_notice{bot, e.client_ref});
  }
  events_.clear();
  publish_depth();
}

void market_simulator::report_fill(const book_event& e, bool maker) {
  const account_id owner = maker ? e.maker_owner : e.owner;
  if (host_of(owner) == nullptr)
    return;
  const auto bot = static_cast<std::size_t>(owner - 1);
  const auto ref = maker ? e.maker_client_ref : e.client_ref;
  const quantity remaining = maker ? e.maker_remaining : e.remaining;
  if (remaining == 0)
    order_of(bot, ref) = 0;
  const cents fee =
      fill_fee(e.price, e.qty, fee_bps(config_.rules, maker ? liquidity::maker : liquidity::taker))
          .value_or(0);
  schedule(now_ + config_.latency,
           fill_notice{bot, fill_report{e.time, ref, maker ? opposite(e.order_side) : e.order_side, e.price,
                                        e.qty, remaining, fee, maker}});
}

void market_simulator::record_trade(const book_event& e) {
  run_.trades.push_back({e.time, e.price, e.qty});
  const timestamp_ns width = config_.bar_interval_s * 1'000'000'000;
  const timestamp_ns bucket = e.time - ((e.time % width) + width) % width;
  if (open_bar_ && open_bar_->time != bucket)
    close_bar();
  if (open_bar_) {
    open_bar_->high = std::max(open_bar_->high, e.price);
    open_bar_->low = std::min(open_bar_->low, e.price);
    open_bar_->close = e.price;
    open_bar_->volume += e.qty;
  } else {
    open_bar_ = bar{bucket, e.price, e.price, e.price, e.price, e.qty};
    schedule(bucket + width, bar_close{bucket});
  }
  schedule(now_ + config_.latency, trade_notice{trade_print{e.time, e.price, e.qty, e.order_side}});
}

void market_simulator::close_bar() {
  schedule(now_ + config_.latency, bar_notice{*open_bar_});
  open_bar_.reset();
}

void market_simulator::publish_depth() {
  book_->depth(side::buy, config_.md_depth, scratch_.bids);
  book_->depth(side::sell, config_.md_depth, scratch_.asks);
  if (scratch_.bids == published_.bids && scratch_.asks == published_.asks)
    return;
  published_ = scratch_;
  schedule(now_ + config_.latency, book_notice{std::make_shared<const depth_snapshot>(published_)});
}

} // namespace bourse::bots
