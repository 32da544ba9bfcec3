#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "actors/book/book_snapshot.hpp"

namespace bourse::detail {

/// "No slot" marker of the intrusive lists.
inline constexpr std::uint32_t nil_slot = 0xffff'ffff;

/// One order in the pool, linked into the FIFO of its price level.
struct order_node {
  resting_order order;
  std::uint32_t prev = nil_slot;
  std::uint32_t next = nil_slot;
};

/// Slab of order nodes with a free list: slots are reused, so steady state allocates nothing.
class order_pool {
public:
  std::uint32_t allocate() {
    if (!free_.empty()) {
      const auto slot = free_.back();
      free_.pop_back();
      return slot;
    }
    nodes_.emplace_back();
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }
  void release(std::uint32_t slot) { free_.push_back(slot); }
  order_node& operator[](std::uint32_t slot) noexcept { return nodes_[slot]; }
  const order_node& operator[](std::uint32_t slot) const noexcept { return nodes_[slot]; }

private:
  std::vector<order_node> nodes_;
  std::vector<std::uint32_t> free_;
};

/// Orders at one price: an intrusive FIFO (head = oldest) and the sum of their shown quantity.
struct price_level {
  std::uint32_t head = nil_slot;
  std::uint32_t tail = nil_slot;
  std::uint32_t count = 0;
  quantity shown = 0;
};

/// One side of the book: a dense array of levels over a price window [base, base + size × tick) that
/// grows when a price falls outside, plus a bitset of non-empty levels searched with count-trailing /
/// count-leading zeros to find the next level (the layout of exchange-core's and many HFT books).
class price_ladder {
public:
  price_ladder(bool bids, cents tick, cents low, cents high);

  /// Index of the level for `price` (cents, on tick), growing the window when needed.
  std::int64_t index_of(cents price);
  cents price_at(std::int64_t index) const noexcept { return base_ + index * tick_; }
  price_level& level(std::int64_t index) noexcept { return levels_[static_cast<std::size_t>(index)]; }
  const price_level& level(std::int64_t index) const noexcept {
    return levels_[static_cast<std::size_t>(index)];
  }

  /// Index of the best non-empty level (highest bid, lowest ask), or -1 when the side is empty.
  std::int64_t best() const noexcept { return best_; }
  /// Next non-empty level after `index` going away from the best, or -1.
  std::int64_t next_worse(std::int64_t index) const noexcept;

  /// Appends the order in `slot` at the back of level `index`.
  void push_back(std::int64_t index, std::uint32_t slot, order_pool& pool) noexcept;
  /// Removes the order in `slot` from level `index` (its shown quantity leaves the level total).
  void unlink(std::int64_t index, std::uint32_t slot, order_pool& pool) noexcept;

private:
  void grow(cents price);
  std::int64_t next_set(std::int64_t from) const noexcept;
  std::int64_t prev_set(std::int64_t from) const noexcept;
  void set_bit(std::int64_t index) noexcept { bits_[index >> 6] |= std::uint64_t{1} << (index & 63); }
  void clear_bit(std::int64_t index) noexcept { bits_[index >> 6] &= ~(std::uint64_t{1} << (index & 63)); }

  bool bids_;
  cents tick_;
  cents base_ = 0;
  std::int64_t best_ = -1;
  std::vector<price_level> levels_;
  std::vector<std::uint64_t> bits_;
};

} // namespace bourse::detail
