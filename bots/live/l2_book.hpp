#pragma once

#include <vector>

#include "actors/runtime/md_messages.hpp"

namespace bourse::bots {

/// A bot's copy of one symbol's L2 depth, kept from a snapshot plus sequenced deltas. A delta that
/// does not continue the sequence (md_seq != last + 1) is a gap: the book goes out of sync and the
/// owner must resync from a fresh snapshot. Prices cents, quantities shares.
class l2_book {
public:
  /// Replaces the depth by `snap`; the book is in sync from its md_seq.
  void reset(const l2_snapshot& snap);
  /// Applies `delta`; false (and out of sync) on a gap or while out of sync. Deltas at or before the
  /// current sequence are stale and ignored (true).
  bool apply(const l2_delta& delta);
  /// Marks the book out of sync (e.g. after a disconnect).
  void invalidate() noexcept { synced_ = false; }

  bool synced() const noexcept { return synced_; }
  sequence md_seq() const noexcept { return md_seq_; }
  const std::vector<price_level_view>& bids() const noexcept { return bids_; }
  const std::vector<price_level_view>& asks() const noexcept { return asks_; }
  /// Best bid and ask; zero price and quantity for an empty side.
  top_of_book top() const noexcept;

private:
  bool synced_ = false;
  sequence md_seq_ = 0;
  std::vector<price_level_view> bids_; ///< best (highest) first
  std::vector<price_level_view> asks_; ///< best (lowest) first
};

} // namespace bourse::bots
