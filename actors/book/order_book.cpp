#include "actors/book/order_book.hpp"

#include <algorithm>
#include <utility>

#include <boost/unordered/unordered_flat_map.hpp>

#include "actors/book/order_validation.hpp"
#include "actors/book/price_ladder.hpp"

namespace bourse {

using detail::nil_slot;

struct order_book::impl {
  impl(instrument rules)
      : rules_(std::move(rules)), band_(band_of(rules_)),
        bids_(true, rules_.tick_size, band_.low, band_.high),
        asks_(false, rules_.tick_size, band_.low, band_.high) {}

  /// Slice of an iceberg (or everything) shown when an order (re)enters a level.
  static quantity slice(const resting_order& o) noexcept {
    return o.request.display_qty > 0 ? std::min(o.request.display_qty, o.open_qty) : o.open_qty;
  }
  static bool pending_stop(const resting_order& o) noexcept {
    return is_stop(o.request.type) && !o.triggered;
  }
  detail::price_ladder& ladder(side s) noexcept { return s == side::buy ? bids_ : asks_; }

  book_event& emit(std::vector<book_event>& out, book_event_kind kind, timestamp_ns now,
                   const resting_order& o) {
    auto& e = out.emplace_back();
    e.kind = kind;
    e.seq = ++seq_;
    e.time = now;
    e.order = o.id;
    e.owner = o.request.owner;
    e.client_ref = o.request.client_ref;
    e.order_side = o.request.order_side;
    e.price = o.request.price;
    return e;
  }
  void emit_removed(std::vector<book_event>& out, book_event_kind kind, timestamp_ns now,
                    const resting_order& o, quantity qty, quantity remaining, reason_code why) {
    auto& e = emit(out, kind, now, o);
    e.qty = qty;
    e.remaining = remaining;
    e.reason = why;
  }
  /// A rejected new order: no id, everything else from the request so the owner can correlate it.
  void reject(std::vector<book_event>& out, timestamp_ns now, const order_request& r, reason_code why) {
    auto& e = out.emplace_back();
    e.kind = book_event_kind::rejected;
    e.seq = ++seq_;
    e.time = now;
    e.owner = r.owner;
    e.client_ref = r.client_ref;
    e.order_side = r.order_side;
    e.price = r.price;
    e.qty = r.qty;
    e.reason = why;
  }
  /// A rejected cancel or replace of order `id` by `requester`; `o` is the order when the requester
  /// owns it (its client_ref and side are then copied), else null (nothing leaks to a non-owner).
  book_event& reject(std::vector<book_event>& out, timestamp_ns now, order_id id, account_id requester,
                     const resting_order* o, reason_code why) {
    auto& e = out.emplace_back();
    e.kind = book_event_kind::rejected;
    e.seq = ++seq_;
    e.time = now;
    e.order = id;
    e.owner = requester;
    if (o != nullptr) {
      e.client_ref = o->request.client_ref;
      e.order_side = o->request.order_side;
    }
    e.reason = why;
    return e;
  }
  /// Pool slot of order `id` if `requester` owns it, else nil_slot.
  std::uint32_t owned(order_id id, account_id requester) const {
    const auto it = index_.find(id);
    if (it == index_.end() || pool_[it->second].order.request.owner != requester)
      return nil_slot;
    return it->second;
  }

  bool crosses(side s, cents price) const noexcept {
    const auto& other = s == side::buy ? asks_ : bids_;
    const auto best = other.best();
    if (best < 0)
      return false;
    return s == side::buy ? other.price_at(best) <= price : other.price_at(best) >= price;
  }

  void release(std::uint32_t slot, order_id id) {
    if (slot == nil_slot)
      return;
    index_.erase(id);
    pool_.release(slot);
  }

  /// Takes a resting order (in a level) out of the book entirely.
  void remove_resting(std::uint32_t slot) {
    const auto& o = pool_[slot].order;
    auto& side_ladder = ladder(o.request.order_side);
    side_ladder.unlink(side_ladder.index_of(o.request.price), slot, pool_);
    release(slot, o.id);
  }

  /// Removes a resting or pending stop order from wherever it lives.
  void remove_any(std::uint32_t slot) {
    const auto& o = pool_[slot].order;
    if (!pending_stop(o)) {
      remove_resting(slot);
      return;
    }
    stops_.erase(std::find(stops_.begin(), stops_.end(), slot));
    release(slot, o.id);
  }

  /// After shares left the maker at the head of `index`: drop it when empty, or refill an iceberg
  /// slice at the back of the level.
  void settle_maker(detail::price_ladder& book, std::int64_t index, std::uint32_t slot) {
    auto& maker = pool_[slot].order;
    if (maker.open_qty == 0) {
      remove_resting(slot);
    } else if (maker.shown_qty == 0) {
      book.unlink(index, slot, pool_);
      maker.shown_qty = slice(maker);
      book.push_back(index, slot, pool_);
    }
  }

  /// Takes `q` shares off the maker's shown quantity and its level total.
  static void consume(detail::price_level& lvl, resting_order& maker, quantity q) noexcept {
    maker.open_qty -= q;
    maker.shown_qty -= q;
    lvl.shown -= q;
  }

  /// Self-trade prevention per the taker's mode; returns false when the taker stops matching.
  bool prevent_self_trade(resting_order& taker, detail::price_ladder& book, std::int64_t index,
                          timestamp_ns now, std::vector<book_event>& out) {
    const auto slot = book.level(index).head;
    auto& maker = pool_[slot].order;
    switch (taker.request.stp) {
    case stp_mode::cancel_newest:
      break;
    case stp_mode::cancel_oldest:
    case stp_mode::cancel_both: {
      emit_removed(out, book_event_kind::cancelled, now, maker, maker.open_qty, 0,
                   reason_code::self_trade_prevented);
      remove_resting(slot);
      if (taker.request.stp == stp_mode::cancel_oldest)
        return true;
      break;
    }
    case stp_mode::decrement: {
      const auto q = std::min(taker.open_qty, maker.shown_qty);
      consume(book.level(index), maker, q);
      emit_removed(out, book_event_kind::cancelled, now, maker, q, maker.open_qty,
                   reason_code::self_trade_prevented);
      settle_maker(book, index, slot);
      taker.open_qty -= q;
      emit_removed(out, book_event_kind::cancelled, now, taker, q, taker.open_qty,
                   reason_code::self_trade_prevented);
      return taker.open_qty > 0;
    }
    }
    emit_removed(out, book_event_kind::cancelled, now, taker, std::exchange(taker.open_qty, 0), 0,
                 reason_code::self_trade_prevented);
    return false;
  }

  void match(resting_order& taker, timestamp_ns now, std::vector<book_event>& out) {
    const bool buy = taker.request.order_side == side::buy;
    auto& book = buy ? asks_ : bids_;
    const cents limit = taker_limit_price(taker.request, band_);
    while (taker.open_qty > 0) {
      const auto index = book.best();
      if (index < 0)
        return;
      const cents price = book.price_at(index);
      if (buy ? price > limit : price < limit)
        return;
      auto& lvl = book.level(index);
      const auto slot = lvl.head;
      auto& maker = pool_[slot].order;
      if (maker.request.owner == taker.request.owner) {
        if (!prevent_self_trade(taker, book, index, now, out))
          return;
        continue;
      }
      const auto q = std::min(taker.open_qty, maker.shown_qty);
      consume(lvl, maker, q);
      taker.open_qty -= q;
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
      settle_maker(book, index, slot);
    }
  }

  /// Simulates the walk of a FOK taker (icebergs refilling at the back, STP by the taker's mode).
  bool fillable(const resting_order& taker) {
    const bool buy = taker.request.order_side == side::buy;
    const auto& book = buy ? asks_ : bids_;
    const cents limit = taker_limit_price(taker.request, band_);
    quantity need = taker.open_qty;
    for (auto index = book.best(); index >= 0; index = book.next_worse(index)) {
      const cents price = book.price_at(index);
      if (buy ? price > limit : price < limit)
        return false;
      queue_.clear();
      for (auto slot = book.level(index).head; slot != nil_slot; slot = pool_[slot].next)
        queue_.push_back(pool_[slot].order);
      for (std::size_t head = 0; head < queue_.size(); ++head) {
        auto o = queue_[head];
        if (o.request.owner == taker.request.owner) {
          if (taker.request.stp == stp_mode::cancel_newest || taker.request.stp == stp_mode::cancel_both)
            return false;
          if (taker.request.stp == stp_mode::cancel_oldest)
            continue;
        }
        const auto q = std::min(need, o.shown_qty);
        need -= q;
        if (need == 0)
          return true;
        o.open_qty -= q;
        o.shown_qty = slice(o);
        if (o.open_qty > 0)
          queue_.push_back(o);
      }
    }
    return false;
  }

  /// Matches an accepted or triggered or replaced order, then cancels or rests the remainder.
  /// `slot` is the order's pool slot if it already has one (replace, stop), else nil_slot.
  void execute(resting_order& taker, std::uint32_t slot, timestamp_ns now, std::vector<book_event>& out) {
    const auto& r = taker.request;
    if (r.tif == time_in_force::fok && !fillable(taker)) {
      emit_removed(out, book_event_kind::cancelled, now, taker, taker.open_qty, 0,
                   reason_code::fok_not_fillable);
      release(slot, taker.id);
      return;
    }
    match(taker, now, out);
    if (taker.open_qty == 0) {
      release(slot, taker.id);
      return;
    }
    if (is_market(r.type) || r.tif == time_in_force::ioc || r.tif == time_in_force::fok) {
      emit_removed(out, book_event_kind::cancelled, now, taker, taker.open_qty, 0,
                   reason_code::ioc_remainder);
      release(slot, taker.id);
      return;
    }
    if (slot == nil_slot) {
      slot = pool_.allocate();
      index_.emplace(taker.id, slot);
    }
    taker.shown_qty = slice(taker);
    auto& book = ladder(r.order_side);
    const auto index = book.index_of(r.price);
    pool_[slot].order = taker;
    book.push_back(index, slot, pool_);
  }

  void trigger(resting_order& o, std::uint32_t slot, timestamp_ns now, std::vector<book_event>& out) {
    o.triggered = true;
    auto& e = emit(out, book_event_kind::triggered, now, o);
    e.qty = o.open_qty;
    e.remaining = o.open_qty;
    execute(o, slot, now, out);
  }

  /// Triggers pending stops one at a time in order id order until none triggers.
  void run_stops(timestamp_ns now, std::vector<book_event>& out) {
    if (!traded_)
      return;
    for (;;) {
      const auto it = std::find_if(stops_.begin(), stops_.end(), [this](std::uint32_t slot) {
        return stop_triggers(pool_[slot].order.request, last_price_);
      });
      if (it == stops_.end())
        return;
      const auto slot = *it;
      stops_.erase(it);
      auto stop = pool_[slot].order;
      trigger(stop, slot, now, out);
    }
  }

  /// Removes every order matching `pred` in order id order with one event each.
  template <class Pred>
  void remove_where(Pred pred, book_event_kind kind, reason_code why, timestamp_ns now,
                    std::vector<book_event>& out) {
    ids_.clear();
    for (const auto& [id, slot] : index_)
      if (pred(pool_[slot].order))
        ids_.push_back(id);
    std::sort(ids_.begin(), ids_.end());
    for (const auto id : ids_) {
      const auto slot = index_.find(id)->second;
      const auto& o = pool_[slot].order;
      emit_removed(out, kind, now, o, o.open_qty, 0, why);
      remove_any(slot);
    }
  }

  void append_side(const detail::price_ladder& book, std::vector<resting_order>& out) const {
    for (auto index = book.best(); index >= 0; index = book.next_worse(index))
      for (auto slot = book.level(index).head; slot != nil_slot; slot = pool_[slot].next)
        out.push_back(pool_[slot].order);
  }

  void restore(const resting_order& o) {
    const auto slot = pool_.allocate();
    index_.emplace(o.id, slot);
    pool_[slot].order = o;
    if (pending_stop(o)) {
      stops_.push_back(slot);
      return;
    }
    auto& book = ladder(o.request.order_side);
    book.push_back(book.index_of(o.request.price), slot, pool_);
  }

  instrument rules_;
  price_band band_; ///< band_of(rules_), recomputed when the reference price moves
  detail::order_pool pool_;
  detail::price_ladder bids_;
  detail::price_ladder asks_;
  boost::unordered_flat_map<order_id, std::uint32_t> index_;
  std::vector<std::uint32_t> stops_; ///< pending stop slots in order id order
  std::vector<resting_order> queue_; ///< scratch of the FOK simulation
  std::vector<order_id> ids_;        ///< scratch of bulk removals
  sequence seq_ = 0;
  order_id next_id_ = 1;
  cents last_price_ = 0;
  bool halted_ = false;
  bool traded_ = false; ///< a trade happened during the current command
};

order_book::order_book(instrument rules) : impl_(new impl(std::move(rules))) {
}

order_book::order_book(instrument rules, const book_snapshot& from) : order_book(std::move(rules)) {
  impl_->rules_.reference_price = from.reference_price;
  impl_->band_ = band_of(impl_->rules_);
  for (const auto* orders : {&from.bids, &from.asks, &from.stops})
    for (const auto& o : *orders)
      impl_->restore(o);
  impl_->seq_ = from.last_sequence;
  impl_->next_id_ = from.next_order_id;
  impl_->last_price_ = from.last_trade_price;
  impl_->halted_ = from.halted;
}

order_book::~order_book() {
  delete impl_;
}

order_book::order_book(order_book&& other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {
}

order_book& order_book::operator=(order_book&& other) noexcept {
  std::swap(impl_, other.impl_);
  return *this;
}

order_id order_book::submit(const order_request& request, timestamp_ns now, std::vector<book_event>& out) {
  auto& d = *impl_;
  auto why = d.halted_ ? reason_code::instrument_halted : validate_order(request, d.rules_, d.band_, now);
  if (why == reason_code::none && request.post_only && d.crosses(request.order_side, request.price))
    why = reason_code::post_only_would_cross;
  if (why != reason_code::none) {
    d.reject(out, now, request, why);
    return 0;
  }
  resting_order o{d.next_id_++, request, request.qty, 0, false};
  auto& e = d.emit(out, book_event_kind::accepted, now, o);
  e.qty = request.qty;
  e.remaining = request.qty;
  d.traded_ = false;
  if (!is_stop(request.type)) {
    d.execute(o, nil_slot, now, out);
  } else if (stop_triggers(request, d.last_price_)) {
    d.trigger(o, nil_slot, now, out);
  } else {
    const auto slot = d.pool_.allocate();
    d.index_.emplace(o.id, slot);
    d.pool_[slot].order = o;
    d.stops_.push_back(slot);
  }
  d.run_stops(now, out);
  return o.id;
}

void order_book::cancel(order_id id, account_id requester, timestamp_ns now, std::vector<book_event>& out) {
  auto& d = *impl_;
  const auto slot = d.owned(id, requester);
  if (slot == nil_slot) {
    d.reject(out, now, id, requester, nullptr, reason_code::unknown_order);
    return;
  }
  const auto& o = d.pool_[slot].order;
  d.emit_removed(out, book_event_kind::cancelled, now, o, o.open_qty, 0, reason_code::cancelled_by_user);
  d.remove_any(slot);
}

void order_book::cancel_all(account_id owner, timestamp_ns now, reason_code why,
                            std::vector<book_event>& out) {
  impl_->remove_where([owner](const resting_order& o) { return o.request.owner == owner; },
                      book_event_kind::cancelled, why, now, out);
}

void order_book::replace(order_id id, account_id requester, cents new_price, quantity new_open_qty,
                         timestamp_ns now, std::vector<book_event>& out) {
  auto& d = *impl_;
  const auto slot = d.owned(id, requester);
  const auto* mine = slot == nil_slot ? nullptr : &d.pool_[slot].order;
  auto why = reason_code::none;
  if (d.halted_)
    why = reason_code::instrument_halted;
  else if (mine == nullptr)
    why = reason_code::unknown_order;
  else if (impl::pending_stop(*mine))
    why = reason_code::replace_not_allowed;
  else
    why = validate_replace(new_price, new_open_qty, d.rules_, d.band_);
  if (why == reason_code::none && mine->request.post_only && d.crosses(mine->request.order_side, new_price))
    why = reason_code::post_only_would_cross;
  if (why != reason_code::none) {
    auto& e = d.reject(out, now, id, requester, mine, why);
    e.price = new_price;
    e.qty = new_open_qty;
    return;
  }
  auto& o = d.pool_[slot].order;
  auto& book = d.ladder(o.request.order_side);
  const auto index = book.index_of(o.request.price);
  const auto old_open = o.open_qty;
  const bool keeps_priority = new_price == o.request.price && new_open_qty < old_open;
  if (keeps_priority) {
    const auto shown = std::min(o.shown_qty, new_open_qty);
    book.level(index).shown -= o.shown_qty - shown;
    o.shown_qty = shown;
    o.open_qty = new_open_qty;
  } else {
    book.unlink(index, slot, d.pool_);
  }
  auto& e = d.emit(out, book_event_kind::replaced, now, o);
  e.price = new_price;
  e.qty = old_open;
  e.remaining = new_open_qty;
  if (keeps_priority)
    return;
  auto taker = o;
  taker.request.price = new_price;
  taker.open_qty = new_open_qty;
  d.traded_ = false;
  d.execute(taker, slot, now, out);
  d.run_stops(now, out);
}

void order_book::expire_due(timestamp_ns now, std::vector<book_event>& out) {
  impl_->remove_where(
      [now](const resting_order& o) {
        return o.request.tif == time_in_force::gtd && o.request.expire_time <= now;
      },
      book_event_kind::expired, reason_code::expired, now, out);
}

void order_book::end_of_day(timestamp_ns now, std::vector<book_event>& out) {
  impl_->remove_where([](const resting_order& o) { return o.request.tif == time_in_force::day; },
                      book_event_kind::expired, reason_code::expired, now, out);
}

void order_book::set_halted(bool halted) noexcept {
  impl_->halted_ = halted;
}

bool order_book::halted() const noexcept {
  return impl_->halted_;
}

void order_book::set_reference_price(cents price) noexcept {
  impl_->rules_.reference_price = price;
  impl_->band_ = band_of(impl_->rules_);
}

void order_book::reserve(std::size_t orders) {
  impl_->pool_.reserve(orders);
  impl_->index_.reserve(orders);
}

const instrument& order_book::rules() const noexcept {
  return impl_->rules_;
}

top_of_book order_book::top() const noexcept {
  top_of_book t;
  if (const auto b = impl_->bids_.best(); b >= 0) {
    t.bid_price = impl_->bids_.price_at(b);
    t.bid_qty = impl_->bids_.level(b).shown;
  }
  if (const auto a = impl_->asks_.best(); a >= 0) {
    t.ask_price = impl_->asks_.price_at(a);
    t.ask_qty = impl_->asks_.level(a).shown;
  }
  return t;
}

void order_book::depth(side which, std::size_t max_levels, std::vector<price_level_view>& out) const {
  out.clear();
  const auto& book = which == side::buy ? impl_->bids_ : impl_->asks_;
  for (auto index = book.best(); index >= 0 && out.size() < max_levels; index = book.next_worse(index)) {
    const auto& lvl = book.level(index);
    out.push_back({book.price_at(index), lvl.shown, lvl.count});
  }
}

cents order_book::last_trade_price() const noexcept {
  return impl_->last_price_;
}

sequence order_book::last_sequence() const noexcept {
  return impl_->seq_;
}

std::size_t order_book::open_order_count() const noexcept {
  return impl_->index_.size();
}

std::optional<resting_order> order_book::find(order_id id) const {
  const auto it = impl_->index_.find(id);
  if (it == impl_->index_.end())
    return std::nullopt;
  return impl_->pool_[it->second].order;
}

book_snapshot order_book::snapshot() const {
  book_snapshot s;
  impl_->append_side(impl_->bids_, s.bids);
  impl_->append_side(impl_->asks_, s.asks);
  for (const auto slot : impl_->stops_)
    s.stops.push_back(impl_->pool_[slot].order);
  s.last_sequence = impl_->seq_;
  s.next_order_id = impl_->next_id_;
  s.last_trade_price = impl_->last_price_;
  s.reference_price = impl_->rules_.reference_price;
  s.halted = impl_->halted_;
  return s;
}

std::uint64_t order_book::state_hash() const {
  return bourse::state_hash(snapshot());
}

} // namespace bourse
