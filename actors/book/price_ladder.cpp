#include "actors/book/price_ladder.hpp"

#include <algorithm>

namespace bourse::detail {

namespace {

constexpr std::int64_t min_levels = 256;

} // namespace

void order_pool::add_chunk() {
  chunks_.push_back(std::make_unique<order_node[]>(std::size_t{1} << chunk_bits));
}

void order_pool::reserve(std::size_t nodes) {
  while (chunks_.size() << chunk_bits < nodes)
    add_chunk();
  free_.reserve(nodes);
}

price_ladder::price_ladder(bool bids, cents tick, cents low, cents high) : bids_(bids), tick_(tick) {
  base_ = std::max<cents>(0, low / tick_ * tick_);
  const auto size = std::max(min_levels, (high - base_) / tick_ + 1);
  levels_.resize(static_cast<std::size_t>(size + 63) / 64 * 64);
  rebuild_bits();
}

void price_ladder::rebuild_bits() {
  bits_.assign(levels_.size() / 64, 0);
  summary_.assign((bits_.size() + 63) / 64, 0);
  for (std::size_t i = 0; i < levels_.size(); ++i)
    if (levels_[i].count > 0)
      set_bit(static_cast<std::int64_t>(i));
}

std::int64_t price_ladder::index_of(cents price) {
  auto index = tick_ == 1 ? price - base_ : (price - base_) / tick_;
  if (index < 0 || index >= static_cast<std::int64_t>(levels_.size())) {
    grow(price);
    index = (price - base_) / tick_;
  }
  return index;
}

void price_ladder::grow(cents price) {
  const auto old_size = static_cast<std::int64_t>(levels_.size());
  const cents old_high = base_ + old_size * tick_;
  const cents margin = old_size / 2 * tick_;
  cents low = std::min(base_, price);
  const cents high = std::max(old_high, price + tick_);
  low = std::max<cents>(0, low < base_ ? low - margin : low);
  const cents new_base = low / tick_ * tick_;
  const auto shift = (base_ - new_base) / tick_;
  auto size = (high - new_base) / tick_ + (high > old_high ? old_size / 2 : 0);
  size = (size + 63) / 64 * 64;
  std::vector<price_level> levels(static_cast<std::size_t>(size));
  std::copy(levels_.begin(), levels_.end(), levels.begin() + shift);
  levels_ = std::move(levels);
  rebuild_bits();
  base_ = new_base;
  if (best_ >= 0)
    best_ += shift;
}

std::int64_t price_ladder::next_worse(std::int64_t index) const noexcept {
  return bids_ ? prev_set(index - 1) : next_set(index + 1);
}

std::int64_t price_ladder::next_set(std::int64_t from) const noexcept {
  const auto words = static_cast<std::int64_t>(bits_.size());
  auto word = from >> 6;
  if (word >= words)
    return -1;
  if (const auto bits = bits_[word] & (~std::uint64_t{0} << (from & 63)); bits != 0)
    return word * 64 + std::countr_zero(bits);
  if (++word >= words)
    return -1;
  auto group = word >> 6;
  auto summary = summary_[group] & (~std::uint64_t{0} << (word & 63));
  while (summary == 0) {
    if (++group >= static_cast<std::int64_t>(summary_.size()))
      return -1;
    summary = summary_[group];
  }
  word = group * 64 + std::countr_zero(summary);
  return word * 64 + std::countr_zero(bits_[word]);
}

std::int64_t price_ladder::prev_set(std::int64_t from) const noexcept {
  if (from < 0)
    return -1;
  auto word = from >> 6;
  if (const auto bits = bits_[word] & (~std::uint64_t{0} >> (63 - (from & 63))); bits != 0)
    return word * 64 + 63 - std::countl_zero(bits);
  if (--word < 0)
    return -1;
  auto group = word >> 6;
  auto summary = summary_[group] & (~std::uint64_t{0} >> (63 - (word & 63)));
  while (summary == 0) {
    if (--group < 0)
      return -1;
    summary = summary_[group];
  }
  word = group * 64 + 63 - std::countl_zero(summary);
  return word * 64 + 63 - std::countl_zero(bits_[word]);
}

void price_ladder::push_back(std::int64_t index, std::uint32_t slot, order_pool& pool) noexcept {
  auto& lvl = level(index);
  auto& node = pool[slot];
  node.prev = lvl.tail;
  node.next = nil_slot;
  if (lvl.tail == nil_slot)
    lvl.head = slot;
  else
    pool[lvl.tail].next = slot;
  lvl.tail = slot;
  lvl.shown += node.order.shown_qty;
  if (lvl.count++ == 0) {
    set_bit(index);
    if (best_ < 0 || (bids_ ? index > best_ : index < best_))
      best_ = index;
  }
}

void price_ladder::unlink(std::int64_t index, std::uint32_t slot, order_pool& pool) noexcept {
  auto& lvl = level(index);
  auto& node = pool[slot];
  if (node.prev == nil_slot)
    lvl.head = node.next;
  else
    pool[node.prev].next = node.next;
  if (node.next == nil_slot)
    lvl.tail = node.prev;
  else
    pool[node.next].prev = node.prev;
  lvl.shown -= node.order.shown_qty;
  if (--lvl.count == 0) {
    clear_bit(index);
    if (index == best_)
      best_ = next_worse(index);
  }
}

} // namespace bourse::detail
