#include "actors/book/book_snapshot.hpp"

#include <boost/container_hash/hash.hpp>

namespace bourse {

namespace {

template <class Enum>
auto raw(Enum value) noexcept {
  return static_cast<std::underlying_type_t<Enum>>(value);
}

void combine(std::size_t& seed, const order_request& r) {
  boost::hash_combine(seed, r.owner);
  boost::hash_combine(seed, r.client_ref);
  boost::hash_combine(seed, raw(r.order_side));
  boost::hash_combine(seed, raw(r.type));
  boost::hash_combine(seed, raw(r.tif));
  boost::hash_combine(seed, r.price);
  boost::hash_combine(seed, r.stop_price);
  boost::hash_combine(seed, r.qty);
  boost::hash_combine(seed, r.display_qty);
  boost::hash_combine(seed, r.expire_time);
  boost::hash_combine(seed, r.post_only);
  boost::hash_combine(seed, raw(r.stp));
}

void combine(std::size_t& seed, const std::vector<resting_order>& orders) {
  boost::hash_combine(seed, orders.size());
  for (const auto& o : orders) {
    boost::hash_combine(seed, o.id);
    combine(seed, o.request);
    boost::hash_combine(seed, o.open_qty);
    boost::hash_combine(seed, o.shown_qty);
    boost::hash_combine(seed, o.triggered);
  }
}

} // namespace

std::uint64_t state_hash(const book_snapshot& snapshot) {
  std::size_t seed = 0;
  combine(seed, snapshot.bids);
  combine(seed, snapshot.asks);
  combine(seed, snapshot.stops);
  boost::hash_combine(seed, snapshot.last_sequence);
  boost::hash_combine(seed, snapshot.next_order_id);
  boost::hash_combine(seed, snapshot.last_trade_price);
  boost::hash_combine(seed, snapshot.reference_price);
  boost::hash_combine(seed, snapshot.halted);
  return seed;
}

} // namespace bourse
