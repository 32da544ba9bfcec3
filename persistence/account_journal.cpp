#include "persistence/account_journal.hpp"

#include "persistence/auction_entries.hpp"

namespace bourse {
namespace {

/// True when `qty` shares on `s` can only shrink the position (reduce-only orders).
bool reduces(const position& pos, side s, quantity qty, bool margin) {
  if (!margin)
    return s == side::sell && pos.spot >= qty;
  const quantity open = (s == side::sell ? pos.margin : -pos.margin) - pos.margin_closing;
  return open >= qty;
}

/// The listed rules of `symbol` with the journaled reference price, or nullopt when unlisted.
std::optional<instrument> rules_of(const instrument_table& instruments, std::string_view symbol,
                                   cents reference) {
  const auto listed = instruments.find(symbol);
  if (listed == instruments.end())
    return std::nullopt;
  instrument rules = listed->second;
  if (reference > 0)
    rules.reference_price = reference;
  return rules;
}

reason_code place(account_actor_state& st, const instrument_table& instruments, const account_entry& entry) {
  const auto& order = entry.order;
  const auto rules = rules_of(instruments, order.symbol, entry.amount);
  reason_code reason = reason_code::unknown_symbol;
  if (rules) {
    const position* pos = st.acc.find_position(order.symbol);
    if (order.reduce_only && !reduces(pos ? *pos : position{}, order.order_side, order.qty, order.margin))
      reason = reason_code::account_reducing_only;
    else
      reason = st.acc.place(*rules, to_request(st.acc.id(), order), order.margin);
  }
  if (reason == reason_code::none)
    st.orders.emplace(order.client_order_id, account_actor_state::order_info{order.symbol, 0});
  else
    st.results.record(order.client_order_id, order_result{order.client_order_id, order.symbol, 0, reason});
  return reason;
}

/// Takes delivery of `qty` > 0 shares of `symbol` or delivers -`qty` shares (account.hpp).
reason_code deliver(account& acc, const instrument_table& instruments, const std::string& symbol,
                    quantity qty) {
  const auto inst = instruments.find(symbol);
  if (inst == instruments.end())
    return reason_code::unknown_symbol;
  return qty > 0 ? acc.take_delivery(inst->second, qty) : acc.deliver_shares(inst->second, -qty);
}

void forget_if_closed(account_actor_state& st, std::uint64_t client_ref) {
  if (st.acc.find_order(client_ref) == nullptr)
    st.orders.erase(client_ref);
}

/// This account's side of a book event. ACCEPTED and REJECTED also fix the order's first result,
/// should the book's reply be lost.
entry_outcome report(account_actor_state& st, const instrument_table& instruments, const account_entry& entry,
                     const book_event& e) {
  entry_outcome out;
  auto& applied = st.applied[entry.symbol];
  if (e.seq <= applied)
    return out;
  applied = e.seq;
  const auto rules = rules_of(instruments, entry.symbol, entry.amount);
  if (!rules)
    return out;
  const instrument& listed = instruments.find(entry.symbol)->second;
  const account_id me = st.acc.id();
  switch (e.kind) {
  case book_event_kind::accepted:
    if (auto it = st.orders.find(e.client_ref); it != st.orders.end())
      it->second.id = e.order;
    st.results.record(e.client_ref, order_result{e.client_ref, entry.symbol, e.order, reason_code::none});
    break;
  case book_event_kind::fill:
    if (e.owner == me)
      out.taker_fee = st.acc.apply_fill(listed, e.client_ref, e.price, e.qty, liquidity::taker).fee;
    if (e.maker_owner == me)
      out.maker_fee = st.acc.apply_fill(listed, e.maker_client_ref, e.price, e.qty, liquidity::maker).fee;
    break;
  case book_event_kind::replaced:
    out.shrink = st.acc.apply_replace(*rules, e.client_ref, e.price, e.remaining) != reason_code::none;
    break;
  case book_event_kind::cancelled:
  case book_event_kind::expired:
    st.acc.release(e.client_ref, e.qty);
    break;
  case book_event_kind::rejected:
    if (e.order != 0) {
      st.acc.abort_replace(e.client_ref);
      break;
    }
    st.acc.release_all(e.client_ref);
    st.results.record(e.client_ref, order_result{e.client_ref, entry.symbol, 0, e.reason});
    break;
  default:
    break;
  }
  forget_if_closed(st, e.client_ref);
  if (e.kind == book_event_kind::fill)
    forget_if_closed(st, e.maker_client_ref);
  return out;
}

} // namespace

order_request to_request(account_id owner, const new_order& o) {
  return order_request{owner, o.client_order_id, o.order_side,  o.type,      o.tif, o.price, o.stop_price,
                       o.qty, o.display_qty,     o.expire_time, o.post_only, o.stp};
}

entry_outcome apply_entry(account_actor_state& st, const instrument_table& instruments,
                          const account_entry& entry, const book_event* event) {
  entry_outcome out;
  const auto ref = entry.order.client_order_id;
  switch (entry.kind) {
  case account_entry_kind::place:
    out.reason = place(st, instruments, entry);
    break;
  case account_entry_kind::deposit:
    out.reason = st.acc.deposit(entry.amount);
    break;
  case account_entry_kind::issue:
    out.reason = st.acc.issue_shares(entry.symbol, entry.amount);
    break;
  case account_entry_kind::risk:
    st.acc.set_state(static_cast<risk_state>(entry.amount));
    break;
  case account_entry_kind::report:
    if (event != nullptr)
      out = report(st, instruments, entry, *event);
    break;
  case account_entry_kind::replace:
    if (const auto rules = rules_of(instruments, entry.symbol, entry.amount))
      out.reason = st.acc.prepare_replace(*rules, ref, entry.order.price, entry.order.qty);
    else
      out.reason = reason_code::unknown_symbol;
    break;
  case account_entry_kind::abort_replace:
    out.reason = st.acc.abort_replace(ref);
    break;
  case account_entry_kind::refused:
    out.reason = st.acc.release_all(ref);
    st.orders.erase(ref);
    break;
  case account_entry_kind::delivery:
    out.reason = deliver(st.acc, instruments, entry.symbol, entry.amount);
    break;
  case account_entry_kind::hold:
  case account_entry_kind::release_hold:
  case account_entry_kind::pay_hold:
  case account_entry_kind::sell_outside_book:
    out.reason = apply_auction_entry(st, entry);
    break;
  }
  st.house_credited += out.taker_fee + out.maker_fee + house_credit(st.acc.id(), entry, out.reason).fee;
  out.cash = net_movements(st.acc.take_journal());
  return out;
}

void move_cash(entry_outcome& out, const account_entry& entry, std::vector<cash_movement>& into) {
  for (auto& movement : out.cash) {
    movement.seq = entry.seq;
    movement.book_seq = entry.book_seq;
    movement.time = entry.time;
    into.push_back(std::move(movement));
  }
  out.cash.clear();
}

} // namespace bourse
