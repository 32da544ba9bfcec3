#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <vector>

#include "actors/auction/lot.hpp"

namespace bourse {

/// SCHEDULED waits for its start; RUNNING takes bids until the end time; ENDED and CANCELLED are final.
enum class auction_state : std::uint8_t { scheduled, running, ended, cancelled };

/// One accepted bid.
struct bid_record {
  account_id bidder = 0;
  cents price = 0;
  timestamp_ns time = 0; ///< ns UTC
  friend bool operator==(const bid_record&, const bid_record&) = default;
};

/// What an audit entry records.
enum class audit_action : std::uint8_t { created, start, bid, extended, ended, cancel };

/// One line of the audit trail: every action, accepted (reason NONE) or refused.
struct audit_entry {
  timestamp_ns time = 0; ///< ns UTC
  audit_action action = audit_action::created;
  account_id who = 0;                     ///< the acting account (bidder, auctioneer; winner for ENDED)
  cents price = 0;                        ///< bid price or final price, cents
  reason_code reason = reason_code::none; ///< why it was refused, or RESERVE_NOT_MET for ENDED
  timestamp_ns end_time = 0;              ///< the end time after the action, ns UTC
  friend bool operator==(const audit_entry&, const audit_entry&) = default;
};

/// The outcome of a closed lot: sold to `winner` at `price`, or no sale (reason RESERVE_NOT_MET when
/// bids stayed under the reserve, NONE without bids).
struct auction_result {
  bool sold = false;
  account_id winner = 0;
  cents price = 0;
  reason_code reason = reason_code::none;
  friend bool operator==(const auction_result&, const auction_result&) = default;
};

/// The whole state of a lot: what a snapshot persists and a restart restores.
struct auction_record {
  lot_definition lot;
  auction_state state = auction_state::scheduled;
  timestamp_ns start_time = 0; ///< ns UTC, 0 before the start
  timestamp_ns end_time = 0;   ///< ns UTC, 0 before the start; moves on soft close
  std::vector<bid_record> bids;
  std::vector<audit_entry> audit;
  std::map<account_id, std::vector<timestamp_ns>> recent_bids; ///< bid attempts inside the rate window
  auction_result result;
  /// After a sale: true once settlement finished (SETTLING while false), with its reason (NONE: cash
  /// and lot moved; else why it failed and nothing moved).
  bool settled = false;
  reason_code settlement = reason_code::none;
  std::uint64_t journaled = 0; ///< commands of this lot journaled so far (persistence/auction_records.hpp)
  friend bool operator==(const auction_record&, const auction_record&) = default;
};

/// What a bid did: accepted (reason NONE) with the previous high bidder (0 if none) and whether the
/// end moved, or the refusal reason and no change but the audit line and rate-limit count.
struct bid_outcome {
  reason_code reason = reason_code::none;
  account_id previous_bidder = 0;
  cents previous_price = 0;
  bool extended = false;
};

/// At most this many bid attempts per bidder within bid_rate_window_ns.
inline constexpr std::size_t max_bids_per_window = 10;
inline constexpr timestamp_ns bid_rate_window_ns = 60'000'000'000;

/// Timed English auction of one lot with soft close: the pure rules, no clock inside (every call
/// takes `now`, ns UTC) and no I/O. Model and examples: docs/auctions.md.
class auction_rules {
public:
  /// A new lot, SCHEDULED; the lot must pass validate_lot.
  auction_rules(lot_definition lot, timestamp_ns now);
  /// Restores a lot from its record (restart, recovery).
  explicit auction_rules(auction_record record);

  /// Starts the lot now: end = now + duration. FORBIDDEN unless `by` is the auctioneer;
  /// AUCTION_NOT_SCHEDULED unless SCHEDULED.
  reason_code start(account_id by, timestamp_ns now);
  /// Validates a bid without recording it: AUCTION_NOT_RUNNING (not running or now >= end),
  /// RATE_LIMITED, SELF_OUTBID, OUTBID (price <= high), BID_TOO_LOW (under min_next_bid), else NONE.
  reason_code check_bid(account_id bidder, cents price, timestamp_ns now) const;
  /// Places a bid (check_bid first); on acceptance a bid with less than the extension window left
  /// moves the end to now + extension. Every attempt is audited and counts towards the rate limit.
  bid_outcome place_bid(account_id bidder, cents price, timestamp_ns now);
  /// Records a bid refused outside the rules (e.g. INSUFFICIENT_BUYING_POWER) in the audit trail
  /// and the rate limit.
  void refuse_bid(account_id bidder, cents price, timestamp_ns now, reason_code why);
  /// Cancels the lot. FORBIDDEN unless `by` is the auctioneer; AUCTION_NOT_RUNNING once final;
  /// AUCTION_HAS_BIDS after the first bid.
  reason_code cancel(account_id by, timestamp_ns now);
  /// Closes a running lot whose end time has come (now >= end): the result, or nullopt (no change)
  /// when it is not running or not yet due.
  std::optional<auction_result> close(timestamp_ns now);
  /// Records the end of a sold lot's settlement with its reason (NONE: settled).
  void settle(reason_code why) noexcept;
  /// Counts one more journaled command; returns its number (1, 2, ...).
  std::uint64_t journaled() noexcept { return ++record_.journaled; }
  /// True for a sold lot whose settlement has not finished.
  bool settling() const noexcept {
    return record_.state == auction_state::ended && record_.result.sold && !record_.settled;
  }

  /// The lowest acceptable next bid, cents: the start price, or high + increment_at(high).
  cents min_next_bid() const noexcept;
  /// The high bid, or nullptr without bids.
  const bid_record* high() const noexcept;
  auction_state state() const noexcept { return record_.state; }
  timestamp_ns end_time() const noexcept { return record_.end_time; }
  const lot_definition& lot() const noexcept { return record_.lot; }
  const auction_record& record() const noexcept { return record_; }

private:
  /// Attempts of `bidder` inside the window ending at `now`.
  std::size_t attempts_in_window(account_id bidder, timestamp_ns now) const;
  /// Counts one attempt for the rate limit and drops those older than the window.
  void count_attempt(account_id bidder, timestamp_ns now);
  void audit(timestamp_ns now, audit_action action, account_id who, cents price, reason_code reason);

  auction_record record_;
};

} // namespace bourse
