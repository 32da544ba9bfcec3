#include "actors/account/ledger.hpp"

namespace bourse {

ledger::ledger() {
  accounts_.emplace(house_account_id, account{house_account_id});
}

account& ledger::open(account_id id, risk_limits limits) {
  return accounts_.try_emplace(id, id, limits).first->second;
}

account* ledger::find(account_id id) {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

const account* ledger::find(account_id id) const {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

reason_code ledger::deposit(account_id id, cents amount) {
  account* acc = find(id);
  return acc == nullptr || id == house_account_id ? reason_code::malformed_request : acc->deposit(amount);
}

reason_code ledger::withdraw(account_id id, cents amount) {
  account* acc = find(id);
  return acc == nullptr ? reason_code::malformed_request : acc->withdraw(amount);
}

reason_code ledger::issue_shares(account_id id, std::string_view symbol, quantity qty) {
  account* acc = find(id);
  if (acc == nullptr)
    return reason_code::malformed_request;
  const reason_code why = acc->issue_shares(symbol, qty);
  if (why == reason_code::none)
    issued_[std::string{symbol}] += qty;
  return why;
}

reason_code ledger::place(const instrument& inst, const order_request& request, bool margin) {
  account* acc = find(request.owner);
  return acc == nullptr ? reason_code::malformed_request : acc->place(inst, request, margin);
}

reason_code ledger::apply(const instrument& inst, const book_event& event) {
  account* owner = find(event.owner);
  if (owner == nullptr)
    return reason_code::malformed_request;
  switch (event.kind) {
  case book_event_kind::fill: {
    account* maker = find(event.maker_owner);
    if (maker == nullptr)
      return reason_code::malformed_request;
    account& house = accounts_.at(house_account_id);
    const fill_result taken =
        owner->apply_fill(inst, event.client_ref, event.price, event.qty, liquidity::taker);
    house.collect_fee(inst.symbol, event.client_ref, taken.fee);
    const fill_result made =
        maker->apply_fill(inst, event.maker_client_ref, event.price, event.qty, liquidity::maker);
    house.collect_fee(inst.symbol, event.maker_client_ref, made.fee);
    return taken.reason != reason_code::none ? taken.reason : made.reason;
  }
  case book_event_kind::cancelled:
  case book_event_kind::expired:
    return owner->release(event.client_ref, event.qty);
  case book_event_kind::replaced:
    return owner->apply_replace(inst, event.client_ref, event.price, event.remaining);
  case book_event_kind::rejected:
    if (event.order == 0)
      return owner->release_all(event.client_ref);
    // A refused cancel or replace of a live order: only a pending replace has something to return.
    owner->abort_replace(event.client_ref);
    return reason_code::none;
  default:
    return reason_code::none;
  }
}

std::vector<account_id> ledger::under_maintenance(const instrument_table& instruments,
                                                  const mark_prices& marks) const {
  std::vector<account_id> result;
  for (const auto& [id, acc] : accounts_)
    if (bourse::under_maintenance(acc, instruments, marks))
      result.push_back(id);
  return result;
}

cents ledger::net_deposits() const {
  cents total = 0;
  for (const auto& [id, acc] : accounts_)
    total += acc.deposited() - acc.withdrawn();
  return total;
}

quantity ledger::shares_issued(std::string_view symbol) const {
  const auto it = issued_.find(symbol);
  return it == issued_.end() ? 0 : it->second;
}

cents ledger::cash_imbalance() const {
  cents total = 0;
  for (const auto& [id, acc] : accounts_)
    total += acc.net_cash();
  return total - net_deposits();
}

quantity ledger::share_imbalance(std::string_view symbol) const {
  quantity total = 0;
  for (const auto& [id, acc] : accounts_)
    if (const position* pos = acc.find_position(symbol))
      total += shares_counted(*pos);
  return total - shares_issued(symbol);
}

} // namespace bourse
