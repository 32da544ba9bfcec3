#pragma once

#include <string>

#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "actors/auction/auction_rules.hpp"
#include "actors/runtime/atoms.hpp"

/// Messages and typed interfaces of the auction actors. Prices cents, times ns UTC; no floating point.
namespace bourse {

namespace auction_atoms {
using bid = caf::atom_constant<caf::atom("bid")>;
using start = caf::atom_constant<caf::atom("start")>;
using open = caf::atom_constant<caf::atom("open")>; ///< scheduled start timer
using tick = caf::atom_constant<caf::atom("tick")>;
using close = caf::atom_constant<caf::atom("close")>;
using hold = caf::atom_constant<caf::atom("hold")>;
using release = caf::atom_constant<caf::atom("release")>;
using settle = caf::atom_constant<caf::atom("settle")>;
using escrow = caf::atom_constant<caf::atom("escrow")>;
} // namespace auction_atoms

/// STATE is the snapshot a subscriber gets on join; BID an accepted bid; TIMER the once-a-second
/// countdown; EXTENDED a soft-close extension; ENDED the close or cancel (see `state`).
enum class auction_event_kind : std::uint8_t { state, bid, timer, extended, ended };

/// One event on a lot's channel (`auction.<id>`); every field describes the lot after the event.
struct auction_event {
  auction_event_kind kind = auction_event_kind::state;
  lot_id lot = 0;
  std::uint64_t seq = 0; ///< per-lot event number; STATE carries the last one sent
  timestamp_ns time = 0; ///< ns UTC of the event
  auction_state state = auction_state::scheduled;
  account_id high_bidder = 0;
  cents high_price = 0;
  cents min_next_bid = 0;
  std::uint64_t bid_count = 0;
  timestamp_ns end_time = 0;                  ///< ns UTC, 0 before the start
  timestamp_ns remaining_ns = 0;              ///< end_time − time, 0 when not running
  auction_result result;                      ///< ENDED only
  reason_code settlement = reason_code::none; ///< ENDED after a sale: NONE or why settlement failed
};

/// The answer to a bid: NONE when accepted, else the refusal reason; min_next_bid after it, cents.
struct bid_reply {
  reason_code reason = reason_code::none;
  cents min_next_bid = 0;
};

/// A sale to settle atomically: `price` cents from the buyer's hold `lot` to the seller, and `qty`
/// shares of `symbol` (0 for an item lot) from the seller's free spot to the buyer.
struct auction_settlement {
  lot_id lot = 0;
  account_id buyer = 0;
  account_id seller = 0;
  cents price = 0;
  std::string symbol;
  quantity qty = 0;
};

/// A receiver of one lot's events (a WebSocket session, a bot, a test).
using auction_subscriber = caf::typed_actor<caf::reacts_to<auction_event>>;

/// Cash holds and settlement for auctions: the accounts' side of a lot. Every request is answered,
/// at the latest with TIMEOUT after the bank's own expiry (a bank over actors expires overdue requests
/// itself), so a lot may ask it without a CAF request timeout.
using auction_bank_actor = caf::typed_actor<
    /// Sets the hold of (account, lot) to the amount in cents; NONE or the account's reason.
    caf::replies_to<auction_atoms::hold, account_id, lot_id, cents>::with<reason_code>,
    /// Releases the hold of (account, lot), cash and escrowed shares; NONE or UNKNOWN_ORDER.
    caf::replies_to<auction_atoms::release, account_id, lot_id>::with<reason_code>,
    /// Escrows the lot's `qty` shares of `symbol` on the seller's account (buyer and price unused);
    /// NONE (also for a repeat) or INSUFFICIENT_SHARES, MALFORMED_REQUEST.
    caf::replies_to<auction_atoms::escrow, auction_settlement>::with<reason_code>,
    /// Settles a sale: both sides or neither; a repeat of a settled lot answers NONE and moves nothing.
    caf::replies_to<auction_atoms::settle, auction_settlement>::with<reason_code>,
    /// The expiry sweep the bank sends itself while requests are outstanding.
    caf::reacts_to<auction_atoms::tick>>;

/// The actor of one lot.
using auction_actor = caf::typed_actor<
    /// A bid (bidder, price cents); the actor orders simultaneous bids, one wins, the other is OUTBID.
    caf::replies_to<auction_atoms::bid, account_id, cents>::with<bid_reply>,
    /// Manual start by the auctioneer: escrows a shares lot's shares on the seller's account first
    /// (INSUFFICIENT_SHARES when it cannot).
    caf::replies_to<auction_atoms::start, account_id>::with<reason_code>,
    /// Cancel by the auctioneer before the first bid.
    caf::replies_to<atoms::cancel, account_id>::with<reason_code>,
    /// Joins the channel: the subscriber first receives a STATE event.
    caf::reacts_to<atoms::subscribe, auction_subscriber>,
    caf::reacts_to<atoms::unsubscribe, auction_subscriber>,
    /// The full record (persistence, restart, audit).
    caf::replies_to<caf::get_atom, atoms::snapshot>::with<auction_record>,
    /// Timers the actor sends itself: scheduled start, countdown, close at the given end time.
    caf::reacts_to<auction_atoms::open>, caf::reacts_to<auction_atoms::tick>,
    caf::reacts_to<auction_atoms::close, timestamp_ns>,
    /// Settles a sold lot (again): sent by the actor to itself after the close, a retryable failure
    /// or a restart while SETTLING.
    caf::reacts_to<auction_atoms::settle>>;

/// Registers the auction message types and handles with a CAF configuration.
void add_auction_message_types(caf::actor_system_config& cfg);

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, increment_bracket& x) {
  return f(caf::meta::type_name("increment_bracket"), x.from_price, x.increment);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, lot_definition& x) {
  return f(caf::meta::type_name("lot_definition"), x.id, x.title, x.description, x.image_url, x.auctioneer,
           x.seller, x.kind, x.symbol, x.qty, x.item_ref, x.start_price, x.increment, x.brackets,
           x.reserve_price, x.duration_ns, x.extension_window_ns, x.extension_ns, x.scheduled_start,
           x.allow_self_outbid);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, bid_record& x) {
  return f(caf::meta::type_name("bid_record"), x.bidder, x.price, x.time);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, audit_entry& x) {
  return f(caf::meta::type_name("audit_entry"), x.time, x.action, x.who, x.price, x.reason, x.end_time);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, auction_result& x) {
  return f(caf::meta::type_name("auction_result"), x.sold, x.winner, x.price, x.reason);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, auction_record& x) {
  return f(caf::meta::type_name("auction_record"), x.lot, x.state, x.start_time, x.end_time, x.bids, x.audit,
           x.recent_bids, x.result, x.settled, x.settlement, x.journaled);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, auction_event& x) {
  return f(caf::meta::type_name("auction_event"), x.kind, x.lot, x.seq, x.time, x.state, x.high_bidder,
           x.high_price, x.min_next_bid, x.bid_count, x.end_time, x.remaining_ns, x.result, x.settlement);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, bid_reply& x) {
  return f(caf::meta::type_name("bid_reply"), x.reason, x.min_next_bid);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, auction_settlement& x) {
  return f(caf::meta::type_name("auction_settlement"), x.lot, x.buyer, x.seller, x.price, x.symbol, x.qty);
}

} // namespace bourse
