#include "bots/live/l2_book.hpp"

#include <algorithm>

namespace bourse::bots {
namespace {

/// Sets, inserts (keeping best-first order) or removes (qty 0) one level.
void change_level(std::vector<price_level_view>& levels, const level_change& c, bool descending) {
  auto better = [descending](const price_level_view& level, cents price) {
    return descending ? level.price > price : level.price < price;
  };
  auto it = std::lower_bound(levels.begin(), levels.end(), c.price, better);
  const bool found = it != levels.end() && it->price == c.price;
  if (c.qty == 0) {
    if (found)
      levels.erase(it);
    return;
  }
  if (found) {
    it->qty = c.qty;
    it->orders = c.orders;
    return;
  }
  levels.insert(it, price_level_view{c.price, c.qty, c.orders});
}

} // namespace

void l2_book::reset(const l2_snapshot& snap) {
  bids_ = snap.bids;
  asks_ = snap.asks;
  md_seq_ = snap.md_seq;
  synced_ = true;
}

bool l2_book::apply(const l2_delta& delta) {
  if (!synced_)
    return false;
  if (delta.md_seq <= md_seq_)
    return true;
  if (delta.md_seq != md_seq_ + 1) {
    synced_ = false;
    return false;
  }
  for (const auto& c : delta.changes)
    change_level(c.book_side == side::buy ? bids_ : asks_, c, c.book_side == side::buy);
  md_seq_ = delta.md_seq;
  return true;
}

top_of_book l2_book::top() const noexcept {
  top_of_book top;
  if (!bids_.empty()) {
    top.bid_price = bids_.front().price;
    top.bid_qty = bids_.front().qty;
  }
  if (!asks_.empty()) {
    top.ask_price = asks_.front().price;
    top.ask_qty = asks_.front().qty;
  }
  return top;
}

} // namespace bourse::bots
