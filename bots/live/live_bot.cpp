#include "bots/live/live_bot.hpp"

#include <optional>
#include <set>

#include <caf/actor_cast.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/io/middleman_actor.hpp>

#include "actors/account/fees.hpp"
#include "actors/gateway/gateway_messages.hpp"
#include "bots/live/l2_book.hpp"
#include "bots/live/order_router.hpp"
#include "bots/strategy/strategy_factory.hpp"

namespace bourse::bots {
namespace {

using reconnect_atom = caf::atom_constant<caf::atom("reconnect")>;
using timer_atom = caf::atom_constant<caf::atom("bottimer")>;
using report_atom = caf::atom_constant<caf::atom("botreport")>;

class bot_shell {
public:
  bot_shell(caf::event_based_actor* self, bot_spec spec, link_config link, std::shared_ptr<strategy> strat)
      : self_(self), spec_(std::move(spec)), link_(std::move(link)), log_(spec_.name),
        strategy_(std::move(strat)),
        router_(self, log_, spec_.symbol, static_cast<std::uint32_t>(wall_clock_ns() / 1'000'000),
                link_.request_timeout, link_.max_order_attempts, [this](const std::string& e) { error(e); }),
        backoff_(link_.backoff_min) {
    // nop
  }

  static caf::behavior behavior(std::shared_ptr<bot_shell> s) {
    s->self_->set_down_handler([s](const caf::down_msg& msg) { s->on_down(msg); });
    s->self_->send(s->self_, reconnect_atom::value);
    s->self_->send(s->self_, report_atom::value);
    return {
        [s](reconnect_atom) { s->connect(); },
        [s](report_atom) { s->report(); },
        [s](timer_atom, timestamp_ns at) { s->timer(at); },
        [s](const l2_snapshot& snap) { s->snapshot(snap); },
        [s](const l2_delta& delta) { s->delta(delta); },
        [s](const bourse::trade_print& t) { s->trade(t); },
        [s](const ticker&) { s->consumed(); },
        [s](const candle& c) { s->bar_closed(c); },
        [s](atoms::dropped, const std::string&) { s->subscribe(); },
        [s](const execution_report& report) { s->execution(report); },
    };
  }

private:
  // --- connection -------------------------------------------------------------------------------
  void connect() {
    set_state("connecting");
    const auto gen = ++link_gen_;
    auto mm = self_->system().middleman().actor_handle();
    self_->request(mm, link_.request_timeout, caf::connect_atom::value, link_.host, link_.port)
        .then(
            [this, gen](const caf::node_id& node, caf::strong_actor_ptr& ptr, const std::set<std::string>&) {
              if (gen != link_gen_)
                return;
              gateway_ = caf::actor_cast<gateway_actor>(std::move(ptr));
              if (!gateway_)
                return retry_later("gateway not published");
              if (node != node_) {
                node_ = node;
                last_report_seq_ = 0;
              }
              self_->monitor(gateway_);
              login();
            },
            [this](const caf::error& err) { retry_later("connect: " + self_->system().render(err)); });
  }

  void login() {
    self_
        ->request(gateway_, link_.request_timeout, atoms::login::value, spec_.name, link_.secret,
                  caf::actor_cast<order_listener>(self_))
        .then(
            [this, gen = link_gen_](bot_login& answer) {
              if (gen != link_gen_)
                return;
              if (answer.reason == reason_code::invalid_credentials ||
                  answer.reason == reason_code::forbidden)
                return refuse(answer.reason);
              if (answer.reason != reason_code::none)
                return drop_link(gen, std::string("login: ") + std::string(to_string(answer.reason)));
              account_id_ = answer.account;
              router_.set_account(std::move(answer.orders));
              adopt_node_clock(answer.clock_started_at);
              lookup();
            },
            [this, gen = link_gen_](const caf::error& err) {
              drop_link(gen, "login: " + self_->system().render(err));
            });
  }

  /// Puts the bot on the node's game clock (from the login answer; 0 = the node did not say, keep
  /// the process's own). The strategy is rebuilt on it; one already running (a node that restarted)
  /// starts again, keeping its position and open orders in the context.
  void adopt_node_clock(timestamp_ns started_at) {
    auto& clock = spec_.fundamental.clock;
    if (started_at == 0 || started_at == clock.started_at)
      return;
    log_.write(wall_clock_ns(), "game_clock",
               {{"started_at", started_at}, {"own_started_at", clock.started_at}});
    clock.started_at = started_at;
    strategy_ = make_strategy(spec_.strategy, spec_.params, spec_.fundamental);
    if (ctx_) {
      ctx_->set_fundamental(spec_.fundamental);
      on_event([this] { strategy_->on_start(*ctx_); });
    }
  }

  void lookup() {
    self_->request(gateway_, link_.request_timeout, atoms::lookup::value, spec_.symbol)
        .then(
            [this, gen = link_gen_](symbol_info& info) {
              if (gen != link_gen_)
                return;
              if (info.reason != reason_code::none)
                return refuse(info.reason);
              market_data_ = std::move(info.market_data);
              if (!ctx_) {
                ctx_.emplace(info.rules, account_id_, spec_.starting_cash, spec_.risk, router_);
                ctx_->set_fundamental(spec_.fundamental);
                router_.attach(&*ctx_);
                on_event([this] { strategy_->on_start(*ctx_); });
              }
              subscribe();
            },
            [this, gen = link_gen_](const caf::error& err) {
              drop_link(gen, "lookup: " + self_->system().render(err));
            });
  }

  void subscribe() {
    if (!market_data_)
      return;
    book_.invalidate();
    unconsumed_ = 0;
    self_
        ->request(market_data_, link_.request_timeout, atoms::subscribe::value,
                  caf::actor_cast<md_subscriber>(self_))
        .then(
            [this, gen = link_gen_](const l2_snapshot& snap) {
              if (gen != link_gen_)
                return;
              backoff_ = link_.backoff_min;
              set_state("running");
              log_.write(wall_clock_ns(), "subscribed", {{"symbol", spec_.symbol}, {"md_seq", snap.md_seq}});
              book_.reset(snap);
              publish_book();
            },
            [this, gen = link_gen_](const caf::error& err) {
              drop_link(gen, "subscribe: " + self_->system().render(err));
            });
  }

  /// Re-reads the depth after a gap: deltas up to the snapshot's md_seq are skipped as stale.
  void resync() {
    log_.write(wall_clock_ns(), "md_gap", {{"md_seq", book_.md_seq()}});
    self_->request(market_data_, link_.request_timeout, caf::get_atom::value, atoms::snapshot::value)
        .then(
            [this, gen = link_gen_](const l2_snapshot& snap) {
              if (gen == link_gen_)
                snapshot(snap);
            },
            [this, gen = link_gen_](const caf::error& err) {
              drop_link(gen, "resync: " + self_->system().render(err));
            });
  }

  void on_down(const caf::down_msg& msg) {
    if (gateway_ && msg.source == gateway_.address())
      drop_link(link_gen_, "node down: " + self_->system().render(msg.reason));
  }

  /// Forgets every node handle of link generation `gen` and reconnects after the backoff; answers
  /// from an older link are ignored.
  void drop_link(std::uint64_t gen, const std::string& why) {
    if (gen != link_gen_ || !gateway_)
      return;
    ++link_gen_;
    self_->demonitor(gateway_.address());
    gateway_ = nullptr;
    market_data_ = nullptr;
    router_.set_account({});
    book_.invalidate();
    set_state("disconnected");
    retry_later(why);
  }

  void retry_later(const std::string& why) {
    error(why);
    self_->delayed_send(self_, backoff_, reconnect_atom::value);
    backoff_ = std::min(backoff_ * 2, link_.backoff_max);
  }

  void refuse(reason_code reason) {
    ++link_gen_;
    gateway_ = nullptr;
    set_state("refused");
    error(std::string("refused: ") + std::string(to_string(reason)));
  }

  // --- market data and executions ---------------------------------------------------------------
  void snapshot(const l2_snapshot& snap) {
    consumed();
    book_.reset(snap);
    publish_book();
  }

  void delta(const l2_delta& d) {
    consumed();
    if (book_.apply(d))
      publish_book();
    else if (market_data_ && book_.md_seq() + 1 < d.md_seq)
      resync();
  }

  void trade(const bourse::trade_print& t) {
    consumed();
    if (!ctx_)
      return;
    ctx_->set_last_price(t.price);
    on_event([&] { strategy_->on_trade(*ctx_, trade_print{t.time, t.price, t.qty, t.aggressor}); });
  }

  void bar_closed(const candle& c) {
    consumed();
    if (!ctx_ || c.interval_s != link_.bar_interval_s)
      return;
    const bar b{c.open_time, c.open, c.high, c.low, c.close, c.volume};
    on_event([&] { strategy_->on_bar(*ctx_, b); });
  }

  void publish_book() {
    if (!ctx_ || !book_.synced())
      return;
    ctx_->set_top(book_.top());
    on_event([this] {
      strategy_->on_book(*ctx_, book_view{ctx_->now(), book_.top(), book_.bids(), book_.asks()});
    });
  }

  void execution(const execution_report& report) {
    const auto& e = report.event;
    if (!ctx_ || report.symbol != spec_.symbol || e.seq <= last_report_seq_)
      return;
    last_report_seq_ = e.seq;
    if (e.kind == book_event_kind::fill) {
      if (e.owner == account_id_)
        fill(e, false);
      if (e.maker_owner == account_id_)
        fill(e, true);
      return;
    }
    const auto ref = router_.client_ref_of(e.client_ref);
    const bool closed =
        e.kind == book_event_kind::rejected ||
        ((e.kind == book_event_kind::cancelled || e.kind == book_event_kind::expired) && e.remaining == 0);
    if (e.owner == account_id_ && ref != 0 && closed) {
      log_.write(wall_clock_ns(), "order_closed", {{"ref", ref}, {"reason", to_string(e.reason)}});
      router_.closed(ref);
    }
  }

  void fill(const book_event& e, bool maker) {
    const auto ref = router_.client_ref_of(maker ? e.maker_client_ref : e.client_ref);
    if (ref == 0)
      return;
    const auto& rules = ctx_->rules();
    const cents fee =
        fill_fee(e.price, e.qty, fee_bps(rules, maker ? liquidity::maker : liquidity::taker)).value_or(0);
    const fill_report report{e.time,  ref,   maker ? opposite(e.order_side) : e.order_side,
                             e.price, e.qty, maker ? e.maker_remaining : e.remaining,
                             fee,     maker};
    log_.write(wall_clock_ns(), "fill",
               {{"ref", ref},
                {"side", report.order_side == side::buy ? "buy" : "sell"},
                {"price", report.price},
                {"qty", report.qty},
                {"remaining", report.remaining},
                {"fee", fee},
                {"maker", maker}});
    router_.filled(ref, e.qty);
    on_event([&] {
      ctx_->on_fill(report);
      strategy_->on_fill(*ctx_, report);
    });
  }

  /// Returns market-data credit in batches.
  void consumed() {
    if (++unconsumed_ < link_.credit_batch || !market_data_)
      return;
    self_->send(market_data_, atoms::credit::value, caf::actor_cast<md_subscriber>(self_), unconsumed_);
    unconsumed_ = 0;
  }

  // --- strategy clock, status ---------------------------------------------------------------------
  /// Runs one strategy callback at the current time, then arms its timer and watches the kill switch.
  template <class F>
  void on_event(F&& callback) {
    ctx_->set_time(wall_clock_ns());
    callback();
    const auto at = ctx_->timer_at();
    if (at != strategy_context::no_timer && at != armed_timer_) {
      armed_timer_ = at;
      const auto wait = std::max<timestamp_ns>(0, at - ctx_->now());
      self_->delayed_send(self_, std::chrono::nanoseconds(wait), timer_atom::value, at);
    }
    if (ctx_->risk().killed() && state_ != "killed") {
      set_state("killed");
      notify("kill switch: P&L " + std::to_string(ctx_->pnl()) + " cents");
    } else if (!ctx_->risk().killed() && state_ == "killed") {
      set_state("running"); // a loss window ended (risk_limits::loss_window_ns)
      notify("kill switch re-armed: P&L " + std::to_string(ctx_->pnl()) + " cents");
    }
  }

  void timer(timestamp_ns at) {
    if (!ctx_ || ctx_->timer_at() != at)
      return;
    armed_timer_ = strategy_context::no_timer;
    ctx_->clear_timer();
    on_event([this] { strategy_->on_timer(*ctx_, ctx_->now()); });
  }

  void report() {
    self_->delayed_send(self_, link_.status_interval, report_atom::value);
    if (!gateway_)
      return;
    bot_status status{spec_.name, state_, 0, 0, last_error_, wall_clock_ns()};
    if (ctx_) {
      status.pnl = ctx_->pnl();
      status.position = ctx_->position();
    }
    self_->send(gateway_, atoms::status::value, std::move(status));
  }

  void set_state(std::string next) {
    // A reconnect does not revive a bot whose kill switch holds; a loss window that ended does.
    if (state_ == next || (state_ == "killed" && next == "running" && ctx_ && ctx_->risk().killed()))
      return;
    state_ = std::move(next);
    log_.write(wall_clock_ns(), "state", {{"state", state_}});
    if (link_.on_state)
      link_.on_state(spec_.name, state_);
  }

  void error(const std::string& what) {
    last_error_ = what;
    log_.error(wall_clock_ns(), "error", {{"what", what}});
    notify(what);
  }

  void notify(const std::string& what) {
    if (link_.webhook)
      link_.webhook->notify("bot " + spec_.name + ": " + what);
  }

  caf::event_based_actor* self_;
  bot_spec spec_;
  link_config link_;
  journal log_;
  std::shared_ptr<strategy> strategy_;
  order_router router_;
  std::optional<strategy_context> ctx_;
  l2_book book_;
  gateway_actor gateway_;
  caf::node_id node_;
  std::uint64_t link_gen_ = 0; ///< bumped per connection attempt and drop
  market_data_actor market_data_;
  account_id account_id_ = 0;
  sequence last_report_seq_ = 0;
  std::uint64_t unconsumed_ = 0;
  timestamp_ns armed_timer_ = strategy_context::no_timer;
  std::chrono::milliseconds backoff_;
  std::string state_;
  std::string last_error_;
};

caf::behavior live_bot(caf::event_based_actor* self, bot_spec spec, link_config link,
                       std::shared_ptr<strategy> strat) {
  return bot_shell::behavior(
      std::make_shared<bot_shell>(self, std::move(spec), std::move(link), std::move(strat)));
}

} // namespace

void configure_bot_system(caf::actor_system_config& cfg, std::chrono::milliseconds heartbeat,
                          std::chrono::milliseconds timeout) {
  register_gateway_types(cfg);
  cfg.load<caf::io::middleman>();
  cfg.set("scheduler.policy", caf::atom("sharing"));
  cfg.set("middleman.heartbeat-interval", caf::timespan{heartbeat});
  cfg.set("middleman.connection-timeout", caf::timespan{timeout});
}

caf::actor spawn_live_bot(caf::actor_system& sys, bot_spec spec, link_config link) {
  std::shared_ptr<strategy> strat = make_strategy(spec.strategy, spec.params, spec.fundamental);
  return sys.spawn(live_bot, std::move(spec), std::move(link), std::move(strat));
}

} // namespace bourse::bots
