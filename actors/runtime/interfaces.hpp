#pragma once

#include <string>
#include <vector>

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "actors/account/margin_check.hpp"
#include "actors/runtime/atoms.hpp"
#include "actors/runtime/md_messages.hpp"
#include "actors/runtime/order_messages.hpp"

/// Typed interfaces of the exchange actors. Handles are location transparent: a remote book looks
/// like a local one. Every request to them must carry a timeout.
namespace bourse {

/// A book: the single sequencer of one symbol.
using book_actor = caf::typed_actor<
    /// Sequences and matches a validated order. One-way: once the order's events are durable, its
    /// ACCEPTED or REJECTED report to the owner's account (found through the placement) is the
    /// answer; a resend of a client_ref, a BUSY book or a refused journal get an explicit
    /// (submit, client_ref, book_reply) instead.
    caf::reacts_to<atoms::submit, order_request>,
    /// Cancels (order id, requesting account); replies none or UNKNOWN_ORDER.
    caf::replies_to<atoms::cancel, order_id, account_id>::with<reason_code>,
    /// Replaces (order id, requesting account, new price cents, new open quantity).
    caf::replies_to<atoms::replace, order_id, account_id, cents, quantity>::with<reason_code>,
    /// Halts (true) or resumes (false) trading; replies the new halted flag.
    caf::replies_to<atoms::halt, bool>::with<bool>,
    /// Full L3 state and its hash (recovery, tests).
    caf::replies_to<caf::get_atom, atoms::snapshot>::with<book_snapshot>,
    caf::replies_to<caf::get_atom, atoms::hash>::with<std::uint64_t>,
    /// GTD expiry timer tick (sent by the book to itself).
    caf::reacts_to<atoms::expire>,
    /// Ends the trading day: expires DAY orders, then re-centres the price band on the last trade
    /// price (kept before the first trade); replies the reference price now in force, cents.
    caf::replies_to<atoms::day_end>::with<cents>,
    /// From an account (id, last book sequence it applied, sequence of a report it dropped because
    /// it missed an earlier one, else 0): cumulative acknowledgement of the reports sent to it.
    caf::reacts_to<atoms::ack, account_id, sequence, sequence>>;

/// A receiver of one symbol's market data (sessions, bots). It returns credit for what it consumed.
using md_subscriber = caf::typed_actor<caf::reacts_to<l2_snapshot>, caf::reacts_to<l2_delta>,
                                       caf::reacts_to<trade_print>, caf::reacts_to<ticker>,
                                       caf::reacts_to<candle>, caf::reacts_to<atoms::dropped, std::string>>;

/// The market-data actor of one symbol.
using market_data_actor = caf::typed_actor<
    /// From the book after every command that changed it; never answered (the book never waits).
    caf::reacts_to<atoms::update, md_update>,
    /// Adds a subscriber; replies the current L2 snapshot, deltas follow from its md_seq + 1.
    caf::replies_to<atoms::subscribe, md_subscriber>::with<l2_snapshot>,
    caf::reacts_to<atoms::unsubscribe, md_subscriber>,
    /// A subscriber has consumed this many messages.
    caf::reacts_to<atoms::credit, md_subscriber, std::uint64_t>,
    caf::replies_to<caf::get_atom, atoms::snapshot>::with<l2_snapshot>,
    /// Candles of one interval (seconds), oldest first, the open one last.
    caf::replies_to<caf::get_atom, atoms::candles, std::int64_t>::with<std::vector<candle>>,
    caf::replies_to<caf::get_atom, atoms::summary>::with<daily_summary>>;

/// A listener of one account (a WebSocket session): gets every fill of the account's orders, and
/// (update, account id) after any other change that is durable (order accepted, cancelled, cash moved).
using account_listener =
    caf::typed_actor<caf::reacts_to<fill_notice>, caf::reacts_to<atoms::update, account_id>>;

/// The account actor of one user.
using account_actor = caf::typed_actor<
    /// Validates, risk-checks, reserves and routes an order; idempotent on client_order_id.
    caf::replies_to<atoms::place, new_order>::with<order_result>,
    /// Cancels the order (symbol, client_order_id).
    caf::replies_to<atoms::cancel, std::string, std::uint64_t>::with<order_result>,
    /// Replaces the order (symbol, client_order_id, new price cents, new open quantity shares): reserves
    /// what the new order needs, then asks the book; the book's reports settle the reservation.
    caf::replies_to<atoms::replace, std::string, std::uint64_t, cents, quantity>::with<order_result>,
    /// Margin health at these mark prices (cents by symbol) and the next position to close, from the
    /// liquidation actor; one-way: answered with (margin, account id, margin_check) to the sender.
    caf::reacts_to<atoms::margin, mark_prices>,
    /// Applies book events once and in order, then acknowledges them to the book (atoms::ack): the
    /// reports of one book command, or a resend, in sequence order.
    caf::reacts_to<atoms::report, std::vector<execution_report>>,
    /// The book's answer to the submit of an order (client_order_id, book reply).
    caf::reacts_to<atoms::submit, std::uint64_t, book_reply>,
    /// Expiry tick of submits without an answer (sent by the account to itself).
    caf::reacts_to<atoms::expire>,
    /// Sends the acknowledgements owed to books (sent by the account to itself behind a burst).
    caf::reacts_to<atoms::ack>,
    /// Credits cash (cents > 0); replies none or INVALID_AMOUNT.
    caf::replies_to<atoms::deposit, cents>::with<reason_code>,
    /// Issues new shares (symbol, quantity > 0) into the spot holding; replies none or INVALID_QUANTITY.
    caf::replies_to<atoms::deposit, std::string, quantity>::with<reason_code>,
    /// Sets the risk state; replies the new state.
    caf::replies_to<atoms::risk, risk_state>::with<risk_state>,
    /// The account's state valued at its positions' costs (no marks).
    caf::replies_to<caf::get_atom, atoms::view>::with<account_view>,
    /// The account's state valued at these mark prices (cents by symbol).
    caf::replies_to<caf::get_atom, atoms::view, mark_prices>::with<account_view>,
    /// Takes delivery of (quantity > 0: pays the loan of a long margin position, the shares become
    /// spot) or delivers (quantity < 0: hands spot shares to close a short) |quantity| shares of a
    /// symbol; replies none or why not (INSUFFICIENT_POSITION, INSUFFICIENT_SHARES, ...).
    caf::replies_to<atoms::delivery, std::string, quantity>::with<reason_code>,
    /// Auction hold under a lot id: (lot, "", cents) sets the bidder's cash hold (it reduces buying
    /// power); (lot, symbol, shares) escrows a seller's free spot shares. NONE (also for a repeat),
    /// INSUFFICIENT_BUYING_POWER, INSUFFICIENT_SHARES, ACCOUNT_HALTED, INVALID_AMOUNT, AUCTION_NOT_RUNNING
    /// (lot settled). Answered once journaled.
    caf::replies_to<atoms::hold, std::uint64_t, std::string, std::int64_t>::with<reason_code>,
    /// Releases the lot's cash hold and escrowed shares; NONE or UNKNOWN_ORDER.
    caf::replies_to<atoms::release, std::uint64_t>::with<reason_code>,
    /// Buyer's leg of a sale (lot, symbol or "" for an item, price cents, shares, seller id; 0 = the
    /// house): pays from the hold, receives the shares. NONE also when the lot is settled already.
    caf::replies_to<atoms::pay_hold, std::uint64_t, std::string, cents, quantity,
                    account_id>::with<reason_code>,
    /// Seller's leg (lot, symbol or "", price cents, shares, buyer id): delivers the escrowed shares,
    /// is paid. NONE also when the lot is settled already.
    caf::replies_to<atoms::sell_out, std::uint64_t, std::string, cents, quantity,
                    account_id>::with<reason_code>,
    /// Adds a listener (monitored; the account stays awake while it has one) / removes it.
    caf::reacts_to<atoms::subscribe, account_listener>, caf::reacts_to<atoms::unsubscribe, account_listener>,
    /// Passivation timer tick (sent by the account to itself).
    caf::reacts_to<atoms::idle>>;

/// The liquidation actor as the account actors see it (actors/liquidation/liquidation_actor.hpp).
using margin_watcher = caf::typed_actor<
    /// From an account actor (the sender): watch it (true: it holds a margin position, or it starts
    /// REDUCING) or stop (false: it closed its last margin position).
    caf::reacts_to<atoms::watch, account_id, bool>,
    /// An account's answer to (margin, mark prices): its margin check at those marks.
    caf::reacts_to<atoms::margin, account_id, margin_check>>;

/// The house account's actor: collects every fee (one-way credits from the paying accounts).
using house_actor = caf::typed_actor<
    /// Credits one fee; a repeated (payer, symbol, seq, role) is ignored.
    caf::reacts_to<atoms::fee, fee_credit>,
    /// Fees collected so far, cents (the house account's net cash).
    caf::replies_to<caf::get_atom, atoms::fee>::with<cents>>;

} // namespace bourse
