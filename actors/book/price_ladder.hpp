#pragma once

#include <bit>
#include <cstdint>
#include <memory>
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

/// Order nodes in fixed-size chunks with a free list: a node never moves (growth allocates a new
/// chunk instead of copying the pool), and freed slots are reused, so steady state allocates nothing.
class order_pool {
public:
  static constexpr unsigned chunk_bits = 12; ///< 4096 nodes (~480 KiB) per chunk

  std::uint32_t allocate() {
    if (!free_.empty()) {
      const auto slot = free_.back();
      free_.pop_back();
      return slot;
    }
    if (size_ >> chunk_bits == chunks_.size())
      add_chunk();
    return size_++;
  }
  void release(std::uint32_t slot) { free_.push_back(slot); }
  /// Makes room for `nodes` nodes in total without further allocation (chunks and free list).
  void reserve(std::size_t nodes);
  order_node& operator[](std::uint32_t slot) noexcept {
    return chunks_[slot >> chunk_bits][slot & chunk_mask];
  }
  const order_node& operator[](std::uint32_t slot) const noexcept {
    return chunks_[slot >> chunk_bits][slot & chunk_mask];
  }

private:
  static constexpr std::uint32_t chunk_mask = (1u << chunk_bits) - 1;
  void add_chunk();

  std::vector<std::unique_ptr<order_node[]>> chunks_;
  std::uint32_t size_ = 0; ///< slots handed out so far (allocated or on the free list)
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
/// grows when a price falls outside, plus a two-level bitset of non-empty levels (one summary bit per
/// 64-level word) searched with count-trailing / count-leading zeros, so finding the next level costs
/// at most a few word reads even on a sparse 1-cent ladder of 10^5 levels (the layout of
/// exchange-core's and many HFT books; the summary level is the van Emde Boas / "hierarchical
/// bitmap" idea).
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
  void set_bit(std::int64_t index) noexcept {
    const auto word = index >> 6;
    bits_[word] |= std::uint64_t{1} << (index & 63);
    summary_[word >> 6] |= std::uint64_t{1} << (word & 63);
  }
  void clear_bit(std::int64_t index) noexcept {
    const auto word = index >> 6;
    if ((bits_[word] &= ~(std::uint64_t{1} << (index & 63))) == 0)
      summary_[word >> 6] &= ~(std::uint64_t{1} << (word & 63));
  }
  void rebuild_bits();

  bool bids_;
  cents tick_;
  cents base_ = 0;
  std::int64_t best_ = -1;
  std::vector<price_level> levels_;
  std::vector<std::uint64_t> bits_;    ///< bit i: level i is non-empty
  std::vector<std::uint64_t> summary_; ///< bit w: bits_[w] != 0
};

} // namespace bourse::detail
