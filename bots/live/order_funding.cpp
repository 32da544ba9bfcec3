#include "bots/live/order_funding.hpp"

namespace bourse::bots {

bool order_funding::place(std::uint64_t client_ref, side s, quantity qty) {
  bool margin = false;
  if (s == side::sell) {
    margin = spot_ - spot_selling_ < qty;
    if (!margin)
      spot_selling_ += qty;
  } else {
    margin = short_ - covering_ >= qty;
    if (margin)
      covering_ += qty;
  }
  open_.insert_or_assign(client_ref, order{s, margin, qty});
  return margin;
}

void order_funding::filled(std::uint64_t client_ref, quantity qty) {
  const auto it = open_.find(client_ref);
  if (it == open_.end())
    return;
  auto& o = it->second;
  const quantity done = qty < o.open ? qty : o.open;
  o.open -= done;
  if (o.order_side == side::sell) {
    if (o.margin) {
      short_ += done;
    } else {
      spot_ -= done;
      spot_selling_ -= done;
    }
  } else if (o.margin) {
    short_ -= done;
    covering_ -= done;
  } else {
    spot_ += done;
  }
  if (o.open == 0)
    open_.erase(it);
}

void order_funding::closed(std::uint64_t client_ref) {
  const auto it = open_.find(client_ref);
  if (it == open_.end())
    return;
  release(it->second);
  open_.erase(it);
}

void order_funding::release(const order& o) noexcept {
  if (o.order_side == side::sell && !o.margin)
    spot_selling_ -= o.open;
  else if (o.order_side == side::buy && o.margin)
    covering_ -= o.open;
}

} // namespace bourse::bots
