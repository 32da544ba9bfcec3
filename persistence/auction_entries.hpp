#pragma once

#include <cstdint>
#include <string>

#include "actors/account/account_actor.hpp"
#include "persistence/durable_records.hpp"

/// The account's side of an auction lot as journal entries (kinds hold, release_hold, pay_hold,
/// sell_outside_book): built by the account actor, applied by apply_entry live and on replay.
/// The lot id is the entry's order.client_order_id and the account's hold_ref.
namespace bourse {

/// HOLD of `amount` cents of cash (empty `symbol`: a bid) or of `amount` escrowed shares of `symbol`
/// (a lot the account sells).
account_entry hold_entry(std::uint64_t lot, const std::string& symbol, std::int64_t amount);
/// RELEASE_HOLD: the lot's cash hold and escrow go back to free.
account_entry release_hold_entry(std::uint64_t lot);
/// PAY_HOLD: the buyer pays `price` cents from its hold and receives `qty` shares of `symbol` (0 for
/// an item); `seller` 0 means the house is paid.
account_entry pay_hold_entry(std::uint64_t lot, const std::string& symbol, cents price, quantity qty,
                             account_id seller);
/// SELL_OUTSIDE_BOOK: the seller delivers `qty` (escrowed) shares of `symbol` to `buyer` for `price`.
account_entry sell_outside_book_entry(std::uint64_t lot, const std::string& symbol, cents price, quantity qty,
                                      account_id buyer);

/// True for an entry that repeats one the account already applied: a settlement leg (pay_hold,
/// sell_outside_book) of a lot settled already, or a hold equal to the one in place. The actor answers
/// it NONE without journaling it, so a settlement re-driven after a crash pays once.
bool auction_entry_done(const account_actor_state& st, const account_entry& entry);

/// Applies one auction entry (apply_entry's auction kinds); the account's reason.
reason_code apply_auction_entry(account_actor_state& st, const account_entry& entry);

/// What `payer`'s `entry`, applied with reason `applied`, owes the house: for a pay_hold that
/// succeeded and whose seller is the house, the price
/// as a credit keyed ("auction.<lot>", seq 1) so that it counts once (house_actor.hpp collect);
/// otherwise a credit of 0 cents, which collect ignores.
fee_credit house_credit(account_id payer, const account_entry& entry, reason_code applied);

} // namespace bourse
