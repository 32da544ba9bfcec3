#include "persistence/auction_entries.hpp"

#include "actors/account/ledger.hpp"

namespace bourse {
namespace {

account_entry entry_of(account_entry_kind kind, std::uint64_t lot) {
  account_entry entry;
  entry.kind = kind;
  entry.order.client_order_id = lot;
  return entry;
}

account_entry leg(account_entry_kind kind, std::uint64_t lot, const std::string& symbol, cents price,
                  quantity qty, account_id other) {
  auto entry = entry_of(kind, lot);
  entry.symbol = symbol;
  entry.order.price = price;
  entry.order.qty = qty;
  entry.amount = static_cast<std::int64_t>(other);
  return entry;
}

} // namespace

account_entry hold_entry(std::uint64_t lot, const std::string& symbol, std::int64_t amount) {
  auto entry = entry_of(account_entry_kind::hold, lot);
  entry.symbol = symbol;
  entry.amount = amount;
  return entry;
}

account_entry release_hold_entry(std::uint64_t lot) {
  return entry_of(account_entry_kind::release_hold, lot);
}

account_entry pay_hold_entry(std::uint64_t lot, const std::string& symbol, cents price, quantity qty,
                             account_id seller) {
  return leg(account_entry_kind::pay_hold, lot, symbol, price, qty, seller);
}

account_entry sell_outside_book_entry(std::uint64_t lot, const std::string& symbol, cents price, quantity qty,
                                      account_id buyer) {
  return leg(account_entry_kind::sell_outside_book, lot, symbol, price, qty, buyer);
}

bool auction_entry_done(const account_actor_state& st, const account_entry& entry) {
  const auto lot = entry.order.client_order_id;
  switch (entry.kind) {
  case account_entry_kind::pay_hold:
  case account_entry_kind::sell_outside_book:
    return st.auctions_settled.contains(lot);
  case account_entry_kind::hold:
    return entry.symbol.empty() ? st.acc.held(lot) == entry.amount : st.acc.held_shares(lot) == entry.amount;
  default:
    return false;
  }
}

reason_code apply_auction_entry(account_actor_state& st, const account_entry& entry) {
  const auto lot = entry.order.client_order_id;
  const auto& o = entry.order;
  reason_code why = reason_code::malformed_request;
  switch (entry.kind) {
  case account_entry_kind::hold:
    if (st.auctions_settled.contains(lot))
      return reason_code::auction_not_running;
    return entry.symbol.empty() ? st.acc.set_hold(lot, entry.amount)
                                : st.acc.hold_shares(lot, entry.symbol, entry.amount);
  case account_entry_kind::release_hold:
    return st.acc.release_hold(lot);
  case account_entry_kind::pay_hold:
    why = st.acc.pay_hold(lot, entry.symbol, o.price, o.qty);
    break;
  case account_entry_kind::sell_outside_book:
    why = st.acc.sell_outside_book(lot, entry.symbol, o.price, o.qty);
    break;
  default:
    return why;
  }
  if (why == reason_code::none)
    st.auctions_settled.insert(lot);
  return why;
}

fee_credit house_credit(account_id payer, const account_entry& entry, reason_code applied) {
  fee_credit credit;
  if (entry.kind != account_entry_kind::pay_hold || entry.amount != house_account_id ||
      applied != reason_code::none)
    return credit;
  const auto lot = entry.order.client_order_id;
  credit.symbol = "auction." + std::to_string(lot);
  credit.seq = 1;
  credit.payer = payer;
  credit.client_ref = lot;
  credit.fee = entry.order.price;
  return credit;
}

} // namespace bourse
