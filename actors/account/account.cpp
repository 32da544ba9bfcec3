#include "actors/account/account.hpp"

#include <algorithm>
#include <utility>

#include "actors/common/checked_math.hpp"

namespace bourse {

account::account(account_id id, risk_limits limits) : id_(id), limits_(limits) {
  // nop
}

reason_code account::deposit(cents amount) {
  if (amount <= 0)
    return reason_code::invalid_amount;
  if (!checked_add(free_, amount) || !checked_add(deposited_, amount))
    return reason_code::notional_overflow;
  deposited_ += amount;
  post({.reason = cash_reason::deposit, .symbol = {}, .free = amount});
  return reason_code::none;
}

reason_code account::withdraw(cents amount) {
  if (amount <= 0)
    return reason_code::invalid_amount;
  if (state_ == risk_state::halted)
    return reason_code::account_halted;
  if (free_ < amount)
    return reason_code::insufficient_buying_power;
  withdrawn_ += amount;
  post({.reason = cash_reason::withdrawal, .symbol = {}, .free = -amount});
  return reason_code::none;
}

reason_code account::issue_shares(std::string_view symbol, quantity qty) {
  if (qty <= 0)
    return reason_code::invalid_quantity;
  position& pos = position_of(symbol);
  if (!checked_add(pos.spot + pos.spot_reserved + std::max<quantity>(pos.margin, 0), qty))
    return reason_code::notional_overflow;
  pos.spot += qty;
  return reason_code::none;
}

void account::collect_fee(std::string_view symbol, std::uint64_t client_ref, cents amount) {
  if (amount == 0)
    return;
  post({.reason = cash_reason::fee_income,
        .client_ref = client_ref,
        .symbol = std::string{symbol},
        .free = amount});
}

fill_result account::apply_fill(const instrument& inst, std::uint64_t client_ref, cents price, quantity qty,
                                liquidity role) {
  const auto it = orders_.find(client_ref);
  if (it == orders_.end())
    return {.reason = reason_code::unknown_order};
  reservation& r = it->second;
  if (qty <= 0 || qty > r.open_qty || price <= 0)
    return {.reason = reason_code::invalid_quantity};
  const auto notional = checked_notional(price, qty);
  const auto fee = fill_fee(price, qty, fee_bps(inst, role));
  const auto im = notional ? checked_bps_ceil(*notional, r.margin_bps) : std::nullopt;
  if (!notional || !fee || !im)
    return {.reason = reason_code::notional_overflow};
  fill_result result{.fee = *fee};
  settle(client_ref, r, position_of(r.symbol), qty, *notional, *im, result);
  fees_paid_ += *fee;
  r.open_qty -= qty;
  if (r.open_qty == 0)
    drop_replace(r);
  result.released = release_excess(client_ref, r);
  if (r.open_qty == 0)
    orders_.erase(it);
  return result;
}

void account::settle(std::uint64_t ref, reservation& r, position& pos, quantity qty, cents notional, cents im,
                     fill_result& result) {
  const std::string& sym = r.symbol;
  switch (r.intent) {
  case order_intent::spot_buy:
    pay_from_order(ref, r, result.fee, cash_reason::fee);
    pay_from_order(ref, r, notional, cash_reason::fill);
    pos.spot += qty;
    pos.spot_cost += notional;
    break;
  case order_intent::spot_sell: {
    const cents cost = pro_rata(pos.spot_cost, qty, pos.spot + pos.spot_reserved);
    pos.spot_reserved -= qty;
    pos.spot_cost -= cost;
    result.realized_pnl = notional - cost;
    post({.reason = cash_reason::fill, .client_ref = ref, .symbol = sym, .free = notional});
    pay_from_order(ref, r, result.fee, cash_reason::fee);
    break;
  }
  case order_intent::open_long:
  case order_intent::open_short: {
    pay_from_order(ref, r, result.fee, cash_reason::fee);
    const auto [from_reserved, from_free] = draw(r, im);
    const bool is_long = r.intent == order_intent::open_long;
    post({.reason = cash_reason::fill,
          .client_ref = ref,
          .symbol = sym,
          .free = -from_free,
          .reserved = -from_reserved,
          .posted = im,
          .short_proceeds = is_long ? 0 : notional,
          .borrowed = is_long ? notional : 0});
    pos.margin += is_long ? qty : -qty;
    pos.margin_cost += notional;
    pos.margin_posted += im;
    break;
  }
  case order_intent::close_long:
  case order_intent::close_short: {
    const bool is_long = r.intent == order_intent::close_long;
    const quantity open = is_long ? pos.margin : -pos.margin;
    const cents basis = pro_rata(pos.margin_cost, qty, open);
    const cents freed = pro_rata(pos.margin_posted, qty, open);
    result.realized_pnl = is_long ? notional - basis : basis - notional;
    post({.reason = cash_reason::fill,
          .client_ref = ref,
          .symbol = sym,
          .free = (is_long ? notional - basis : basis - notional) + freed,
          .posted = -freed,
          .short_proceeds = is_long ? 0 : -basis,
          .borrowed = is_long ? -basis : 0});
    pay_from_order(ref, r, result.fee, cash_reason::fee);
    pos.margin += is_long ? -qty : qty;
    pos.margin_closing -= qty;
    pos.margin_cost -= basis;
    pos.margin_posted -= freed;
    break;
  }
  }
  pos.realized_pnl += result.realized_pnl;
}

reason_code account::release(std::uint64_t client_ref, quantity qty) {
  const auto it = orders_.find(client_ref);
  if (it == orders_.end())
    return reason_code::unknown_order;
  reservation& r = it->second;
  if (qty <= 0 || qty > r.open_qty)
    return reason_code::invalid_quantity;
  unreserve_shares(r, qty);
  r.open_qty -= qty;
  if (r.open_qty == 0)
    drop_replace(r);
  release_excess(client_ref, r);
  if (r.open_qty == 0)
    orders_.erase(it);
  return reason_code::none;
}

reason_code account::release_all(std::uint64_t client_ref) {
  const auto it = orders_.find(client_ref);
  return it == orders_.end() ? reason_code::unknown_order : release(client_ref, it->second.open_qty);
}

reason_code account::set_hold(std::uint64_t hold_ref, cents amount) {
  if (amount <= 0)
    return reason_code::invalid_amount;
  if (state_ == risk_state::halted)
    return reason_code::account_halted;
  const cents delta = amount - held(hold_ref);
  if (delta > free_)
    return reason_code::insufficient_buying_power;
  holds_[hold_ref] = amount;
  if (delta != 0)
    post({.reason = delta > 0 ? cash_reason::reserve : cash_reason::release,
          .client_ref = hold_ref,
          .symbol = {},
          .free = -delta,
          .reserved = delta});
  return reason_code::none;
}

reason_code account::release_hold(std::uint64_t hold_ref) {
  const auto it = holds_.find(hold_ref);
  const auto escrow = share_holds_.find(hold_ref);
  if (it == holds_.end() && escrow == share_holds_.end())
    return reason_code::unknown_order;
  if (escrow != share_holds_.end()) {
    position& pos = position_of(escrow->second.first);
    pos.spot_reserved -= escrow->second.second;
    pos.spot += escrow->second.second;
    share_holds_.erase(escrow);
  }
  if (it == holds_.end())
    return reason_code::none;
  const cents amount = it->second;
  holds_.erase(it);
  post({.reason = cash_reason::release,
        .client_ref = hold_ref,
        .symbol = {},
        .free = amount,
        .reserved = -amount});
  return reason_code::none;
}

cents account::held(std::uint64_t hold_ref) const noexcept {
  const auto it = holds_.find(hold_ref);
  return it == holds_.end() ? 0 : it->second;
}

cents account::held_total() const noexcept {
  cents total = 0;
  for (const auto& [ref, amount] : holds_)
    total += amount;
  return total;
}

reason_code account::hold_shares(std::uint64_t hold_ref, std::string_view symbol, quantity qty) {
  if (qty <= 0)
    return reason_code::invalid_quantity;
  if (share_holds_.contains(hold_ref))
    return reason_code::duplicate_client_order_id;
  const auto it = positions_.find(symbol);
  if (it == positions_.end() || it->second.spot < qty)
    return reason_code::insufficient_shares;
  it->second.spot -= qty;
  it->second.spot_reserved += qty;
  share_holds_.emplace(hold_ref, std::pair{std::string{symbol}, qty});
  return reason_code::none;
}

std::vector<std::uint64_t> account::hold_refs() const {
  std::vector<std::uint64_t> refs;
  for (const auto& [ref, amount] : holds_)
    refs.push_back(ref);
  for (const auto& [ref, escrow] : share_holds_)
    if (!holds_.contains(ref))
      refs.push_back(ref);
  std::sort(refs.begin(), refs.end());
  return refs;
}

quantity account::held_shares(std::uint64_t hold_ref) const noexcept {
  const auto it = share_holds_.find(hold_ref);
  return it == share_holds_.end() ? 0 : it->second.second;
}

reason_code account::pay_hold(std::uint64_t hold_ref, std::string_view symbol, cents price, quantity qty) {
  const auto it = holds_.find(hold_ref);
  if (it == holds_.end())
    return reason_code::unknown_order;
  if (price <= 0 || price > it->second)
    return reason_code::invalid_amount;
  if (qty < 0)
    return reason_code::invalid_quantity;
  const cents rest = it->second - price;
  holds_.erase(it);
  post({.reason = cash_reason::auction,
        .client_ref = hold_ref,
        .symbol = std::string{symbol},
        .reserved = -price});
  if (rest > 0)
    post({.reason = cash_reason::release,
          .client_ref = hold_ref,
          .symbol = {},
          .free = rest,
          .reserved = -rest});
  if (qty > 0) {
    position& pos = position_of(symbol);
    pos.spot += qty;
    pos.spot_cost += price;
  }
  return reason_code::none;
}

reason_code account::sell_outside_book(std::uint64_t hold_ref, std::string_view symbol, cents price,
                                       quantity qty) {
  if (price <= 0)
    return reason_code::invalid_amount;
  if (qty < 0)
    return reason_code::invalid_quantity;
  if (!checked_add(free_, price))
    return reason_code::notional_overflow;
  const auto escrow = share_holds_.find(hold_ref);
  const bool escrowed = escrow != share_holds_.end() && escrow->second.first == symbol;
  if (qty > 0) {
    const auto it = positions_.find(symbol);
    const quantity available =
        escrowed ? escrow->second.second : (it == positions_.end() ? 0 : it->second.spot);
    if (it == positions_.end() || available < qty)
      return reason_code::insufficient_shares;
    position& pos = it->second;
    const cents cost = pro_rata(pos.spot_cost, qty, pos.spot + pos.spot_reserved);
    (escrowed ? pos.spot_reserved : pos.spot) -= qty;
    pos.spot_cost -= cost;
    pos.realized_pnl += price - cost;
  }
  if (escrow != share_holds_.end()) {
    escrow->second.second -= escrowed ? qty : 0;
    release_hold(hold_ref); // any rest of the escrow goes back to free spot
  }
  post(
      {.reason = cash_reason::auction, .client_ref = hold_ref, .symbol = std::string{symbol}, .free = price});
  return reason_code::none;
}

const position* account::find_position(std::string_view symbol) const {
  const auto it = positions_.find(symbol);
  return it == positions_.end() ? nullptr : &it->second;
}

const reservation* account::find_order(std::uint64_t client_ref) const {
  const auto it = orders_.find(client_ref);
  return it == orders_.end() ? nullptr : &it->second;
}

std::vector<cash_entry> account::take_journal() noexcept {
  return std::exchange(journal_, {});
}

void account::post(cash_entry entry) {
  free_ += entry.free;
  reserved_ += entry.reserved;
  posted_ += entry.posted;
  short_proceeds_ += entry.short_proceeds;
  borrowed_ += entry.borrowed;
  journal_.push_back(std::move(entry));
}

position& account::position_of(std::string_view symbol) {
  const auto it = positions_.find(symbol);
  if (it != positions_.end())
    return it->second;
  return positions_.emplace(std::string{symbol}, position{}).first->second;
}

std::pair<cents, cents> account::draw(reservation& r, cents amount) noexcept {
  const cents from_reserved = std::min(amount, r.cash);
  r.cash -= from_reserved;
  return {from_reserved, amount - from_reserved};
}

void account::pay_from_order(std::uint64_t client_ref, reservation& r, cents amount, cash_reason why) {
  if (amount == 0)
    return;
  const auto [from_reserved, from_free] = draw(r, amount);
  post({.reason = why,
        .client_ref = client_ref,
        .symbol = r.symbol,
        .free = -from_free,
        .reserved = -from_reserved});
}

cents account::release_excess(std::uint64_t client_ref, reservation& r) {
  const cents excess = r.cash - required_cash(r).value_or(r.cash);
  if (excess <= 0)
    return 0;
  r.cash -= excess;
  post({.reason = cash_reason::release,
        .client_ref = client_ref,
        .symbol = r.symbol,
        .free = excess,
        .reserved = -excess});
  return excess;
}

void account::unreserve_shares(reservation& r, quantity qty) {
  position& pos = position_of(r.symbol);
  if (r.intent == order_intent::spot_sell) {
    pos.spot_reserved -= qty;
    pos.spot += qty;
  } else if (r.intent == order_intent::close_long || r.intent == order_intent::close_short) {
    pos.margin_closing -= qty;
  }
}

} // namespace bourse
