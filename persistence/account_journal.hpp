#pragma once

#include "actors/account/account_actor.hpp"
#include "persistence/durable_records.hpp"

namespace bourse {

/// What applying one journal entry did, for the caller to act on (the live actor; a replay checks
/// `reason` and may credit the fees to a rebuilt house).
struct entry_outcome {
  reason_code reason = reason_code::none; ///< place, replace, deposit, issue: the verdict
  cents taker_fee = 0;                    ///< report of a fill: fee paid as taker, cents
  cents maker_fee = 0;                    ///< report of a fill: fee paid as maker, cents
  bool shrink = false; ///< report of a replace the account could not cover: the book order must shrink
  /// The net cash movements of the entry for the cash ledger (seq and time are the caller's to set);
  /// applying an entry hands them over, so the account's in-memory cash journal never grows.
  std::vector<cash_movement> cash;
};

/// The book order for `owner`'s `order` (its client_order_id becomes the client_ref).
order_request to_request(account_id owner, const new_order& order);

/// Applies one journaled input to an account (command sourcing, as execute() for books): the account
/// actor and the replay both go through here, so a replay runs exactly what the live account ran.
/// `instruments` are the listed rules; place, replace and report use the reference price journaled
/// in `entry.amount`. `event` is the book event of a report entry (ignored otherwise). A report of a
/// sequence already applied, or of an unlisted symbol, changes nothing but the applied sequence.
entry_outcome apply_entry(account_actor_state& st, const instrument_table& instruments,
                          const account_entry& entry, const book_event* event);

/// Moves the cash movements of `out` to the end of `into`, stamped with the seq, book_seq and time of
/// the journaled `entry` that caused them (the rows of cash_ledger written with it).
void move_cash(entry_outcome& out, const account_entry& entry, std::vector<cash_movement>& into);

} // namespace bourse
