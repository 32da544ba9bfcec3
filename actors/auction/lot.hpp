#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "actors/common/reason_code.hpp"
#include "actors/common/types.hpp"

namespace bourse {

/// Auction lot id, unique per exchange; also the hold_ref of the bidders' cash holds.
using lot_id = std::uint64_t;

/// What the winner of a lot receives.
enum class lot_kind : std::uint8_t {
  shares, ///< `qty` spot shares of `symbol`, delivered from the seller's free spot holding
  item,   ///< an item record (`item_ref`): cash moves through the ledger, the item outside it
};

/// From `from_price` cents upwards the minimum increment is `increment` cents.
struct increment_bracket {
  cents from_price = 0;
  cents increment = 0;
  friend bool operator==(const increment_bracket&, const increment_bracket&) = default;
};

inline constexpr timestamp_ns five_minutes_ns = 300'000'000'000;

/// The definition of one lot as the auctioneer creates it. Prices cents, times ns (UTC or durations).
struct lot_definition {
  lot_id id = 0;
  std::string title;
  std::string description;
  std::string image_url;
  account_id auctioneer = 0; ///< the account that created the lot; only it may start or cancel
  account_id seller = 0;     ///< who is paid: the house account (0) or the auctioneer
  lot_kind kind = lot_kind::shares;
  std::string symbol;   ///< shares lot: the instrument
  quantity qty = 0;     ///< shares lot: how many shares
  std::string item_ref; ///< item lot: the item record's id
  cents start_price = 0;
  cents increment = 0;                     ///< minimum increment below the first bracket, cents
  std::vector<increment_bracket> brackets; ///< ascending from_price; override `increment` above them
  cents reserve_price = 0;                 ///< no sale under it; 0 = no reserve
  timestamp_ns duration_ns = five_minutes_ns;
  timestamp_ns extension_window_ns = five_minutes_ns; ///< a bid with less than this left extends
  timestamp_ns extension_ns = five_minutes_ns;        ///< ... the end to (bid time + this)
  timestamp_ns scheduled_start = 0;                   ///< ns UTC; 0 = started manually
  bool allow_self_outbid = false;                     ///< may the high bidder raise their own bid

  friend bool operator==(const lot_definition&, const lot_definition&) = default;
};

/// NONE for a usable lot, else INVALID_LOT: empty title, no increment, non-ascending or non-positive
/// brackets, start price <= 0, negative reserve, non-positive duration or extension, shares lot
/// without symbol or qty > 0, item lot without item_ref.
reason_code validate_lot(const lot_definition& lot) noexcept;

/// The minimum increment above a high bid of `high` cents: the last bracket with from_price <= high,
/// else the lot's base increment.
cents increment_at(const lot_definition& lot, cents high) noexcept;

} // namespace bourse
