#include "actors/account/account_shell.hpp"

#include <algorithm>

#include "actors/account/house_actor.hpp"
#include "actors/account/margin_check.hpp"
#include "actors/account/valuation.hpp"
#include "actors/common/utc_clock.hpp"
#include "persistence/auction_entries.hpp"

namespace bourse {

account_actor::behavior_type account_shell::behavior(std::shared_ptr<account_shell> s) {
  s->self_->delayed_send(s->self_, s->cfg_.idle_after, atoms::idle::value);
  if (!s->st_->unsent.empty()) {
    s->pending_ = std::exchange(s->st_->unsent, {});
    s->pending_cash_ = std::exchange(s->st_->unsent_cash, {});
    s->durable_then([](bool) {
      // nop: nobody waits for the opening deposit
    });
  }
  for (const auto& listener : s->st_->listeners)
    s->self_->monitor(listener);
  s->self_->set_down_handler([s](caf::down_msg& down) { s->forget_listener(down.source); });
  s->watching_ = holds_margin(s->st_->acc);
  if (s->watching_ || s->st_->acc.state() == risk_state::reducing)
    s->announce(true);
  return {
      [s](atoms::subscribe, const account_listener& listener) {
        s->forget_listener(listener.address());
        s->st_->listeners.push_back(listener);
        s->self_->monitor(listener);
      },
      [s](atoms::unsubscribe, const account_listener& listener) {
        s->self_->demonitor(listener.address());
        s->forget_listener(listener.address());
      },
      [s](atoms::place, const new_order& order) -> caf::result<order_result> {
        ++s->activity_;
        return s->place(order);
      },
      [s](atoms::cancel, const std::string& symbol,
          std::uint64_t client_order_id) -> caf::result<order_result> {
        ++s->activity_;
        return s->cancel(symbol, client_order_id);
      },
      [s](atoms::replace, const std::string& symbol, std::uint64_t client_order_id, cents price,
          quantity qty) -> caf::result<order_result> {
        ++s->activity_;
        return s->replace(symbol, client_order_id, price, qty);
      },
      [s](atoms::margin, const mark_prices& marks) {
        // not activity: liquidation checks alone do not keep an account awake
        if (auto watcher = caf::actor_cast<margin_watcher>(s->self_->current_sender()))
          s->self_->send(watcher, atoms::margin::value, s->st_->acc.id(),
                         check_margin(s->st_->acc, s->instruments_->current(), marks));
      },
      [s](atoms::report, const std::vector<execution_report>& reports) {
        ++s->activity_;
        s->apply(reports);
      },
      [s](atoms::submit, std::uint64_t client_order_id, const book_reply& reply) {
        s->submitted(client_order_id, reply);
      },
      [s](atoms::expire) { s->expire_submits(); },
      [s](atoms::ack) { s->send_acks(); },
      [s](atoms::deposit, cents amount) { return s->change(account_entry_kind::deposit, {}, amount); },
      [s](atoms::deposit, const std::string& symbol, quantity qty) {
        return s->change(account_entry_kind::issue, symbol, qty);
      },
      [s](atoms::risk, risk_state next) -> caf::result<risk_state> {
        ++s->activity_;
        account_entry entry;
        entry.kind = account_entry_kind::risk;
        entry.amount = static_cast<std::int64_t>(next);
        s->record(std::move(entry));
        return s->reply_when_durable(next);
      },
      [s](caf::get_atom, atoms::view) { return value_account(*s->st_, s->instruments_->current(), {}); },
      [s](caf::get_atom, atoms::view, const mark_prices& marks) {
        return value_account(*s->st_, s->instruments_->current(), marks);
      },
      [s](atoms::delivery, const std::string& symbol, quantity qty) {
        return s->change(account_entry_kind::delivery, symbol, qty);
      },
      [s](atoms::hold, std::uint64_t lot, const std::string& symbol, std::int64_t amount) {
        return s->auction_change(hold_entry(lot, symbol, amount));
      },
      [s](atoms::release, std::uint64_t lot) { return s->auction_change(release_hold_entry(lot)); },
      [s](atoms::pay_hold, std::uint64_t lot, const std::string& symbol, cents price, quantity qty,
          account_id seller) { return s->auction_change(pay_hold_entry(lot, symbol, price, qty, seller)); },
      [s](atoms::sell_out, std::uint64_t lot, const std::string& symbol, cents price, quantity qty,
          account_id buyer) {
        return s->auction_change(sell_outside_book_entry(lot, symbol, price, qty, buyer));
      },
      [s](atoms::idle) { s->idle_tick(); },
  };
}

entry_outcome account_shell::record(account_entry entry, const book_event* event) {
  entry.time = utc_now_ns();
  auto out = apply_entry(*st_, instruments_->current(), entry, event);
  entry.result = out.reason;
  const bool changed = out.reason == reason_code::none || entry.kind == account_entry_kind::place ||
                       entry.kind == account_entry_kind::refused;
  if (changed) {
    entry.seq = ++st_->journaled;
    move_cash(out, entry, pending_cash_);
    pending_.push_back(std::move(entry));
  }
  if (holds_margin(st_->acc) != watching_)
    announce(watching_ = !watching_);
  return out;
}

void account_shell::announce(bool watch) {
  if (auto watcher = cfg_.watcher ? cfg_.watcher() : margin_watcher{})
    self_->send(watcher, atoms::watch::value, st_->acc.id(), watch);
}

void account_shell::forget_listener(const caf::actor_addr& gone) {
  std::erase_if(st_->listeners, [&](const account_listener& l) { return l.address() == gone; });
}

caf::result<reason_code> account_shell::change(account_entry_kind kind, const std::string& symbol,
                                               std::int64_t amount) {
  ++activity_;
  account_entry entry;
  entry.kind = kind;
  entry.symbol = symbol;
  entry.amount = amount;
  const auto reason = record(std::move(entry)).reason;
  return reply_when_durable(reason);
}

caf::result<reason_code> account_shell::auction_change(account_entry entry) {
  ++activity_;
  if (auction_entry_done(*st_, entry))
    return reply_when_durable(reason_code::none);
  const auto credit = house_credit(st_->acc.id(), entry, reason_code::none);
  const auto reason = record(std::move(entry)).reason;
  if (auto house = where_->house(); reason == reason_code::none && credit.fee > 0 && house)
    self_->send(house, atoms::fee::value, credit);
  return reply_when_durable(reason);
}

void account_shell::idle_tick() {
  const bool quiet = activity_ == activity_at_last_tick_;
  activity_at_last_tick_ = activity_;
  if (quiet && journal_.unacked() == 0 && st_->orders.empty() && st_->acc.open_orders().empty() &&
      st_->listeners.empty() && !holds_margin(st_->acc) &&
      where_->passivate(st_->acc.id(), self_->address())) {
    checkpoints_.passivating(*st_);
    self_->quit();
    return;
  }
  if (watching_)
    announce(true);
  self_->delayed_send(self_, cfg_.idle_after, atoms::idle::value);
}

} // namespace bourse
