#include "actors/account/account_shell.hpp"

#include <algorithm>

#include "actors/account/house_actor.hpp"

namespace bourse {

void account_shell::note_fills(const std::string& symbol, const book_event& e, const entry_outcome& out) {
  if (e.kind != book_event_kind::fill || st_->listeners.empty())
    return;
  const account_id me = st_->acc.id();
  fill_notice n{symbol,  e.seq, e.order,       e.client_ref,     e.order_side,
                e.price, e.qty, out.taker_fee, liquidity::taker, e.time};
  if (e.owner == me)
    notices_.push_back(n);
  if (e.maker_owner == me) {
    n.order = e.maker_order;
    n.client_order_id = e.maker_client_ref;
    n.order_side = e.order_side == side::buy ? side::sell : side::buy;
    n.fee = out.maker_fee;
    n.role = liquidity::maker;
    notices_.push_back(n);
  }
}

void account_shell::notify(const std::vector<fill_notice>& fills, bool changed) {
  for (const auto& listener : st_->listeners) {
    for (const auto& n : fills)
      self_->send(listener, n);
    if (changed)
      self_->send(listener, atoms::update::value, st_->acc.id());
  }
}

void account_shell::apply(const std::vector<execution_report>& reports) {
  if (reports.empty())
    return;
  const std::string& symbol = reports.front().symbol;
  sequence dropped = 0;
  bool changed = false;
  for (const auto& report : reports) {
    const sequence applied = applied_through(symbol);
    if (report.event.seq <= applied)
      continue;
    if (report.after > applied) {
      dropped = report.event.seq;
      break;
    }
    apply_event(report);
    changed = true;
  }
  if (changed)
    durable_then([](bool) {
      // nop: nobody waits for a report's entry
    });
  acknowledge(symbol, dropped);
}

sequence account_shell::applied_through(const std::string& symbol) const {
  const auto known = st_->applied.find(symbol);
  return known == st_->applied.end() ? 0 : known->second;
}

void account_shell::apply_event(const execution_report& report) {
  const auto& e = report.event;
  account_entry entry;
  entry.kind = account_entry_kind::report;
  entry.symbol = report.symbol;
  entry.book_seq = e.seq;
  entry.amount = reference(report.symbol);
  const auto out = record(std::move(entry), &e);
  if ((e.kind == book_event_kind::accepted || e.kind == book_event_kind::rejected) &&
      e.owner == st_->acc.id()) {
    // The first report of a new order is the book's answer to its submit.
    auto waiters = submits_.take(e.client_ref);
    settle_submit(report.symbol, e.client_ref,
                  book_reply{e.kind == book_event_kind::accepted ? e.order : 0, e.reason}, waiters);
  }
  note_fills(report.symbol, e, out);
  const account_id me = st_->acc.id();
  credit_house(*where_, report.symbol, me, e, liquidity::taker, out.taker_fee);
  credit_house(*where_, report.symbol, me, e, liquidity::maker, out.maker_fee);
  if (out.shrink)
    shrink(report.symbol, e);
}

void account_shell::acknowledge(const std::string& symbol, sequence dropped) {
  auto owed = std::find_if(acks_owed_.begin(), acks_owed_.end(),
                           [&](const auto& entry) { return entry.first == symbol; });
  if (owed != acks_owed_.end()) {
    if (owed->second == 0)
      owed->second = dropped;
    return;
  }
  if (acks_owed_.empty())
    self_->send(self_, atoms::ack::value);
  acks_owed_.emplace_back(symbol, dropped);
}

void account_shell::send_acks() {
  for (const auto& [symbol, dropped] : std::exchange(acks_owed_, {}))
    if (auto book = where_->book(symbol))
      self_->send(book, atoms::ack::value, st_->acc.id(), applied_through(symbol), dropped);
}

} // namespace bourse
