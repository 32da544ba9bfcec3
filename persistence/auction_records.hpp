#pragma once

#include <cstdint>

#include <caf/meta/type_name.hpp>

#include "actors/auction/auction_messages.hpp"

/// What an auction actor journals to PostgreSQL: the commands its lot accepted, in order. Replaying
/// them through auction_rules rebuilds the lot (persistence/auction_recovery.hpp). Prices cents,
/// times ns UTC.
namespace bourse {

/// create (the lot definition), start, bid (accepted), cancel, close (the end time came), settled
/// (the settlement of a sale finished, with its reason), refused (a bid refused with its reason; it
/// counts towards the rate limit like an accepted one, RATE_LIMITED attempts are not journaled).
enum class auction_command_kind : std::uint8_t { create, start, bid, cancel, close, settled, refused };

/// One command a lot accepted. Fields a kind does not use stay zero.
struct auction_command {
  auction_command_kind kind = auction_command_kind::create;
  sequence seq = 0;                       ///< the lot's command number: 1, 2, ... without gaps
  timestamp_ns time = 0;                  ///< the lot's clock when it applied the command
  account_id who = 0;                     ///< start, cancel: the auctioneer; bid, refused: the bidder;
                                          ///< settled: the winner
  cents price = 0;                        ///< bid, refused: its price; settled: the final price
  reason_code reason = reason_code::none; ///< settled: NONE or why settlement failed; refused: why
  lot_definition
      lot; ///< create: the definition (its id is the lot's); settled: the same, for the item record
  friend bool operator==(const auction_command&, const auction_command&) = default;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, auction_command& x) {
  return f(caf::meta::type_name("auction_command"), x.kind, x.seq, x.time, x.who, x.price, x.reason, x.lot);
}

} // namespace bourse
