#include "tests/support/reference_book.hpp"

#include <algorithm>
#include <deque>

#include "actors/book/order_validation.hpp"

namespace bourse::testing {

namespace {

quantity slice(const resting_order& o) {
  return o.request.display_qty > 0 ? std::min(o.request.display_qty, o.open_qty) : o.open_qty;
}

bool pending_stop(const resting_order& o) {
  return is_stop(o.request.type) && !o.triggered;
}

bool beyond(side taker, cents price, cents limit) {
  return taker == side::buy ? price > limit : price < limit;
}

} // namespace

reference_book::reference_book(instrument rules) : rules_(std::move(rules)) {
}

reference_book::reference_book(instrument rules, const book_snapshot& from) : rules_(std::move(rules)) {
  rules_.reference_price = from.reference_price;
  for (const auto& o : from.bids)
    rest(o);
  for (const auto& o : from.asks)
    rest(o);
  for (const auto& o : from.stops)
    stops_[o.id] = o;
  seq_ = from.last_sequence;
  next_id_ = from.next_order_id;
  last_price_ = from.last_trade_price;
  halted_ = from.halted;
}

std::vector<cents> reference_book::prices_best_first(side s) const {
  std::vector<cents> prices;
  for (const auto& [price, orders] : book(s))
    prices.push_back(price);
  if (s == side::buy)
    std::reverse(prices.begin(), prices.end());
  return prices;
}

std::optional<cents> reference_book::best_price(side s) const {
  const auto& levels = book(s);
  if (levels.empty())
    return std::nullopt;
  return s == side::buy ? levels.rbegin()->first : levels.begin()->first;
}

bool reference_book::crosses(side s, cents price) const {
  const auto best = best_price(opposite(s));
  return best && !beyond(s, *best, price);
}

book_event& reference_book::emit(std::vector<book_event>& out, book_event_kind kind, timestamp_ns now,
                                 const resting_order& o) {
  book_event e;
  e.kind = kind;
  e.seq = ++seq_;
  e.time = now;
  e.order = o.id;
  e.owner = o.request.owner;
  e.client_ref = o.request.client_ref;
  e.order_side = o.request.order_side;
  e.price = o.request.price;
  out.push_back(e);
  return out.back();
}

void reference_book::emit_removal(std::vector<book_event>& out, book_event_kind kind, timestamp_ns now,
                                  const resting_order& o, quantity qty, quantity remaining, reason_code why) {
  auto& e = emit(out, kind, now, o);
  e.qty = qty;
  e.remaining = remaining;
  e.reason = why;
}

void reference_book::reject(std::vector<book_event>& out, timestamp_ns now, order_id id, account_id owner,
                            reason_code why) {
  book_event e;
  e.kind = book_event_kind::rejected;
  e.seq = ++seq_;
  e.time = now;
  e.order = id;
  e.owner = owner;
  e.reason = why;
  out.push_back(e);
}

bool reference_book::fillable(const resting_order& taker) const {
  const auto maker_side = opposite(taker.request.order_side);
  const cents limit = taker_limit_price(taker.request, rules_);
  quantity need = taker.open_qty;
  for (const cents price : prices_best_first(maker_side)) {
    if (beyond(taker.request.order_side, price, limit))
      return false;
    const auto& orders = book(maker_side).at(price);
    std::deque<resting_order> queue(orders.begin(), orders.end());
    while (!queue.empty()) {
      auto maker = queue.front();
      queue.pop_front();
      if (maker.request.owner == taker.request.owner) {
        if (taker.request.stp == stp_mode::cancel_oldest)
          continue;
        if (taker.request.stp != stp_mode::decrement)
          return false;
      }
      const auto q = std::min(need, maker.shown_qty);
      need -= q;
      if (need == 0)
        return true;
      maker.open_qty -= q;
      maker.shown_qty = slice(maker);
      if (maker.open_qty > 0)
        queue.push_back(maker);
    }
  }
  return false;
}

void reference_book::after_maker_change(side maker_side, cents price) {
  auto& orders = book(maker_side)[price];
  auto& maker = orders.front();
  if (maker.open_qty == 0) {
    located_.erase(maker.id);
    orders.pop_front();
  } else if (maker.shown_qty == 0) {
    maker.shown_qty = slice(maker);
    orders.splice(orders.end(), orders, orders.begin());
  }
  if (orders.empty())
    book(maker_side).erase(price);
}

void reference_book::match(resting_order& taker, timestamp_ns now, std::vector<book_event>& out) {
  const auto taker_side = taker.request.order_side;
  const auto maker_side = opposite(taker_side);
  const cents limit = taker_limit_price(taker.request, rules_);
  while (taker.open_qty > 0) {
    const auto best = best_price(maker_side);
    if (!best || beyond(taker_side, *best, limit))
      return;
    const cents price = *best;
    auto& maker = book(maker_side)[price].front();
    if (maker.request.owner != taker.request.owner) {
      const auto q = std::min(taker.open_qty, maker.shown_qty);
      taker.open_qty -= q;
      maker.open_qty -= q;
      maker.shown_qty -= q;
      last_price_ = price;
      traded_ = true;
      auto& e = emit(out, book_event_kind::fill, now, taker);
      e.price = price;
      e.qty = q;
      e.remaining = taker.open_qty;
      e.maker_order = maker.id;
      e.maker_owner = maker.request.owner;
      e.maker_client_ref = maker.request.client_ref;
      e.maker_remaining = maker.open_qty;
      after_maker_change(maker_side, price);
      continue;
    }
    const auto mode = taker.request.stp;
    if (mode == stp_mode::decrement) {
      const auto q = std::min(taker.open_qty, maker.shown_qty);
      maker.open_qty -= q;
      maker.shown_qty -= q;
      emit_removal(out, book_event_kind::cancelled, now, maker, q, maker.open_qty,
                   reason_code::self_trade_prevented);
      after_maker_change(maker_side, price);
      taker.open_qty -= q;
      emit_removal(out, book_event_kind::cancelled, now, taker, q, taker.open_qty,
                   reason_code::self_trade_prevented);
      continue;
    }
    if (mode == stp_mode::cancel_oldest || mode == stp_mode::cancel_both) {
      emit_removal(out, book_event_kind::cancelled, now, maker, maker.open_qty, 0,
                   reason_code::self_trade_prevented);
      maker.open_qty = 0;
      after_maker_change(maker_side, price);
      if (mode == stp_mode::cancel_oldest)
        continue;
    }
    emit_removal(out, book_event_kind::cancelled, now, taker, taker.open_qty, 0,
                 reason_code::self_trade_prevented);
    taker.open_qty = 0;
  }
}

void reference_book::rest(resting_order o) {
  located_[o.id] = {o.request.order_side, o.request.price};
  book(o.request.order_side)[o.request.price].push_back(o);
}

void reference_book::execute(resting_order taker, timestamp_ns now, std::vector<book_event>& out) {
  const auto& r = taker.request;
  if (r.tif == time_in_force::fok && !fillable(taker)) {
    emit_removal(out, book_event_kind::cancelled, now, taker, taker.open_qty, 0,
                 reason_code::fok_not_fillable);
    return;
  }
  match(taker, now, out);
  if (taker.open_qty == 0)
    return;
  if (is_market(r.type) || r.tif == time_in_force::ioc || r.tif == time_in_force::fok) {
    emit_removal(out, book_event_kind::cancelled, now, taker, taker.open_qty, 0, reason_code::ioc_remainder);
    return;
  }
  taker.shown_qty = slice(taker);
  rest(taker);
}

void reference_book::trigger(resting_order o, timestamp_ns now, std::vector<book_event>& out) {
  o.triggered = true;
  auto& e = emit(out, book_event_kind::triggered, now, o);
  e.qty = o.open_qty;
  e.remaining = o.open_qty;
  execute(o, now, out);
}

void reference_book::run_stops(timestamp_ns now, std::vector<book_event>& out) {
  if (!traded_)
    return;
  for (bool again = true; again;) {
    again = false;
    for (const auto& [id, stop] : stops_) {
      if (!stop_triggers(stop.request, last_price_))
        continue;
      const auto o = stop;
      stops_.erase(id);
      trigger(o, now, out);
      again = true;
      break;
    }
  }
}

order_id reference_book::submit(const order_request& request, timestamp_ns now,
                                std::vector<book_event>& out) {
  auto why = halted_ ? reason_code::instrument_halted : validate_order(request, rules_, now);
  if (why == reason_code::none && request.post_only && crosses(request.order_side, request.price))
    why = reason_code::post_only_would_cross;
  if (why != reason_code::none) {
    reject(out, now, 0, request.owner, why);
    out.back().client_ref = request.client_ref;
    out.back().order_side = request.order_side;
    out.back().price = request.price;
    out.back().qty = request.qty;
    return 0;
  }
  resting_order o;
  o.id = next_id_++;
  o.request = request;
  o.open_qty = request.qty;
  auto& e = emit(out, book_event_kind::accepted, now, o);
  e.qty = request.qty;
  e.remaining = request.qty;
  traded_ = false;
  if (!is_stop(request.type))
    execute(o, now, out);
  else if (stop_triggers(request, last_price_))
    trigger(o, now, out);
  else
    stops_[o.id] = o;
  run_stops(now, out);
  return o.id;
}

resting_order* reference_book::locate(order_id id) {
  if (auto it = stops_.find(id); it != stops_.end())
    return &it->second;
  const auto where = located_.find(id);
  if (where == located_.end())
    return nullptr;
  auto& orders = book(where->second.first)[where->second.second];
  const auto it = std::find_if(orders.begin(), orders.end(), [id](const auto& o) { return o.id == id; });
  return &*it;
}

void reference_book::erase(order_id id) {
  if (stops_.erase(id) > 0)
    return;
  const auto [s, price] = located_.at(id);
  located_.erase(id);
  auto& orders = book(s)[price];
  orders.remove_if([id](const auto& o) { return o.id == id; });
  if (orders.empty())
    book(s).erase(price);
}

void reference_book::cancel(order_id id, account_id requester, timestamp_ns now,
                            std::vector<book_event>& out) {
  const auto* o = locate(id);
  if (o == nullptr || o->request.owner != requester) {
    reject(out, now, id, requester, reason_code::unknown_order);
    return;
  }
  emit_removal(out, book_event_kind::cancelled, now, *o, o->open_qty, 0, reason_code::cancelled_by_user);
  erase(id);
}

template <class Pred>
void reference_book::remove_where(Pred pred, book_event_kind kind, reason_code why, timestamp_ns now,
                                  std::vector<book_event>& out) {
  std::vector<resting_order> doomed;
  for (const auto& [id, stop] : stops_)
    if (pred(stop))
      doomed.push_back(stop);
  for (const auto& [id, where] : located_)
    if (const auto* o = locate(id); pred(*o))
      doomed.push_back(*o);
  std::sort(doomed.begin(), doomed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const auto& o : doomed) {
    emit_removal(out, kind, now, o, o.open_qty, 0, why);
    erase(o.id);
  }
}

void reference_book::cancel_all(account_id owner, timestamp_ns now, reason_code why,
                                std::vector<book_event>& out) {
  remove_where([owner](const resting_order& o) { return o.request.owner == owner; },
               book_event_kind::cancelled, why, now, out);
}

void reference_book::expire_due(timestamp_ns now, std::vector<book_event>& out) {
  remove_where(
      [now](const resting_order& o) {
        return o.request.tif == time_in_force::gtd && o.request.expire_time <= now;
      },
      book_event_kind::expired, reason_code::expired, now, out);
}

void reference_book::end_of_day(timestamp_ns now, std::vector<book_event>& out) {
  remove_where([](const resting_order& o) { return o.request.tif == time_in_force::day; },
               book_event_kind::expired, reason_code::expired, now, out);
}

void reference_book::replace(order_id id, account_id requester, cents new_price, quantity new_open_qty,
                             timestamp_ns now, std::vector<book_event>& out) {
  auto* o = locate(id);
  auto why = reason_code::none;
  if (halted_)
    why = reason_code::instrument_halted;
  else if (o == nullptr || o->request.owner != requester)
    why = reason_code::unknown_order;
  else if (pending_stop(*o))
    why = reason_code::replace_not_allowed;
  else
    why = validate_replace(new_price, new_open_qty, rules_);
  if (why == reason_code::none && o->request.post_only && crosses(o->request.order_side, new_price))
    why = reason_code::post_only_would_cross;
  if (why != reason_code::none) {
    reject(out, now, id, requester, why);
    if (o != nullptr && o->request.owner == requester) { // only the owner learns its own handle
      out.back().client_ref = o->request.client_ref;
      out.back().order_side = o->request.order_side;
    }
    out.back().price = new_price;
    out.back().qty = new_open_qty;
    return;
  }
  const auto old_open = o->open_qty;
  if (new_price == o->request.price && new_open_qty < old_open) {
    o->shown_qty = std::min(o->shown_qty, new_open_qty);
    o->open_qty = new_open_qty;
    auto& e = emit(out, book_event_kind::replaced, now, *o);
    e.qty = old_open;
    e.remaining = new_open_qty;
    return;
  }
  auto taker = *o;
  erase(id);
  auto& e = emit(out, book_event_kind::replaced, now, taker);
  e.price = new_price;
  e.qty = old_open;
  e.remaining = new_open_qty;
  taker.request.price = new_price;
  taker.open_qty = new_open_qty;
  traded_ = false;
  execute(taker, now, out);
  run_stops(now, out);
}

top_of_book reference_book::top() const {
  top_of_book t;
  std::vector<price_level_view> levels;
  depth(side::buy, 1, levels);
  if (!levels.empty()) {
    t.bid_price = levels[0].price;
    t.bid_qty = levels[0].qty;
  }
  depth(side::sell, 1, levels);
  if (!levels.empty()) {
    t.ask_price = levels[0].price;
    t.ask_qty = levels[0].qty;
  }
  return t;
}

void reference_book::depth(side which, std::size_t max_levels, std::vector<price_level_view>& out) const {
  out.clear();
  for (const cents price : prices_best_first(which)) {
    if (out.size() == max_levels)
      return;
    price_level_view view{price, 0, 0};
    for (const auto& o : book(which).at(price)) {
      view.qty += o.shown_qty;
      ++view.orders;
    }
    out.push_back(view);
  }
}

std::optional<resting_order> reference_book::find(order_id id) const {
  if (auto it = stops_.find(id); it != stops_.end())
    return it->second;
  const auto where = located_.find(id);
  if (where == located_.end())
    return std::nullopt;
  for (const auto& o : book(where->second.first).at(where->second.second))
    if (o.id == id)
      return o;
  return std::nullopt;
}

book_snapshot reference_book::snapshot() const {
  book_snapshot s;
  for (const auto which : {side::buy, side::sell}) {
    auto& orders = which == side::buy ? s.bids : s.asks;
    for (const cents price : prices_best_first(which))
      for (const auto& o : book(which).at(price))
        orders.push_back(o);
  }
  for (const auto& [id, stop] : stops_)
    s.stops.push_back(stop);
  s.last_sequence = seq_;
  s.next_order_id = next_id_;
  s.last_trade_price = last_price_;
  s.reference_price = rules_.reference_price;
  s.halted = halted_;
  return s;
}

} // namespace bourse::testing
