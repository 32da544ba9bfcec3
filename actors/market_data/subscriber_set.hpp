#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

namespace bourse {

/// Bounds on a subscriber's unconsumed messages (sent but not yet credited back).
struct credit_policy {
  std::uint64_t conflate_after = 256; ///< from here on deltas are withheld; a snapshot follows later
  std::uint64_t drop_after = 4'096;   ///< unconsumed plus withheld messages past this drop the subscriber
};

/// What to do with one event for one subscriber.
enum class delivery : std::uint8_t { send, withhold, drop };

/// Explicit subscriber set with per-subscriber credit: a fast subscriber gets every message; one
/// that falls `conflate_after` behind gets nothing until it catches up and then one fresh snapshot
/// (conflation); one that falls `drop_after` behind is removed. The publisher never waits.
template <class Handle>
class subscriber_set {
public:
  explicit subscriber_set(credit_policy policy = {}) : policy_(policy) {}

  /// Adds a subscriber with nothing outstanding; false if it was already there.
  bool add(const Handle& h) { return entries_.emplace(h, entry{}).second; }

  /// Removes a subscriber; false if it was not there.
  bool remove(const Handle& h) { return entries_.erase(h) > 0; }

  /// Decides delivery of one event to `h` and books it; a dropped subscriber is removed.
  delivery offer(const Handle& h) {
    auto it = entries_.find(h);
    if (it == entries_.end())
      return delivery::drop;
    auto& e = it->second;
    if (!e.conflating && e.outstanding < policy_.conflate_after) {
      ++e.outstanding;
      return delivery::send;
    }
    e.conflating = true;
    ++e.withheld;
    if (e.outstanding + e.withheld < policy_.drop_after)
      return delivery::withhold;
    entries_.erase(it);
    return delivery::drop;
  }

  /// `h` consumed `n` messages. True when this ends its conflation: send it a snapshot now (which
  /// the caller books with sent_snapshot).
  bool credit(const Handle& h, std::uint64_t n) {
    auto it = entries_.find(h);
    if (it == entries_.end())
      return false;
    auto& e = it->second;
    e.outstanding -= std::min(n, e.outstanding);
    if (!e.conflating || e.outstanding >= policy_.conflate_after)
      return false;
    e.conflating = false;
    e.withheld = 0;
    return true;
  }

  /// Books one message sent outside offer() (a resync snapshot).
  void sent_snapshot(const Handle& h) {
    if (auto it = entries_.find(h); it != entries_.end())
      ++it->second.outstanding;
  }

  /// Current subscribers (a copy: offer() may remove while the caller iterates).
  std::vector<Handle> handles() const {
    std::vector<Handle> out;
    out.reserve(entries_.size());
    for (const auto& [h, e] : entries_)
      out.push_back(h);
    return out;
  }

  bool contains(const Handle& h) const { return entries_.count(h) > 0; }
  std::size_t size() const noexcept { return entries_.size(); }

private:
  struct entry {
    std::uint64_t outstanding = 0;
    std::uint64_t withheld = 0;
    bool conflating = false;
  };
  credit_policy policy_;
  std::map<Handle, entry> entries_;
};

} // namespace bourse
