#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "actors/book/order_book.hpp"
#include "tests/support/reference_book.hpp"

namespace bourse::testing {

/// Instrument used by the scenario tests: tick 5 cents, lot 10, quantity 10..100'000, reference
/// 10'000 cents with a 10 % band, so limit prices lie in [9'000, 11'000].
inline instrument test_instrument() {
  instrument rules;
  rules.symbol = "TST";
  rules.tick_size = 5;
  rules.lot_size = 10;
  rules.min_quantity = 10;
  rules.max_quantity = 100'000;
  rules.reference_price = 10'000;
  rules.price_band_bps = 1'000;
  return rules;
}

/// Scenario fixture run against both the fast and the reference book.
template <class Book>
class book_test : public ::testing::Test {
protected:
  static order_request limit(account_id owner, side s, cents price, quantity qty) {
    order_request r;
    r.owner = owner;
    r.client_ref = owner * 1000 + static_cast<std::uint64_t>(qty);
    r.order_side = s;
    r.price = price;
    r.qty = qty;
    return r;
  }
  static order_request market(account_id owner, side s, quantity qty,
                              time_in_force tif = time_in_force::ioc) {
    auto r = limit(owner, s, 0, qty);
    r.type = order_type::market;
    r.tif = tif;
    return r;
  }
  static order_request stop(account_id owner, side s, cents stop_price, quantity qty) {
    auto r = market(owner, s, qty);
    r.type = order_type::stop;
    r.stop_price = stop_price;
    return r;
  }
  /// Submits `r` at time `now_`, leaving only this command's events in `ev`.
  order_id put(const order_request& r) {
    ev.clear();
    return book.submit(r, now_, ev);
  }
  void cancel(order_id id, account_id who) {
    ev.clear();
    book.cancel(id, who, now_, ev);
  }
  void replace(order_id id, account_id who, cents price, quantity qty) {
    ev.clear();
    book.replace(id, who, price, qty, now_, ev);
  }
  std::vector<book_event_kind> kinds() const {
    std::vector<book_event_kind> k;
    for (const auto& e : ev)
      k.push_back(e.kind);
    return k;
  }
  std::vector<price_level_view> levels(side s) const {
    std::vector<price_level_view> out;
    book.depth(s, 100, out);
    return out;
  }
  /// Ids of the maker orders of this command's fills, in event order.
  std::vector<order_id> makers() const {
    std::vector<order_id> ids;
    for (const auto& e : ev)
      if (e.kind == book_event_kind::fill)
        ids.push_back(e.maker_order);
    return ids;
  }

  Book book{test_instrument()};
  std::vector<book_event> ev;
  timestamp_ns now_ = 1'000;
};

using book_types = ::testing::Types<order_book, reference_book>;

} // namespace bourse::testing
