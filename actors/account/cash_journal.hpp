#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "actors/common/types.hpp"

namespace bourse {

/// Why cash moved.
enum class cash_reason : std::uint8_t {
  deposit,    ///< external money in (starting cash, admin credit)
  withdrawal, ///< external money out
  reserve,    ///< free → reserved for a new order
  release,    ///< reserved → free (cancel, expiry, rejection, price improvement, fill end)
  fill,       ///< settlement of a trade (cash to or from the counterparty, loan, proceeds, margin)
  fee,        ///< trading fee paid by this account
  fee_income, ///< trading fee received by the house account
  delivery,   ///< take delivery (genbiki) or deliver shares (genwatashi)
  auction,    ///< an auction lot's price paid by its winner or received by its seller
};

/// One cash movement: signed deltas of each cash bucket of one account, in cents.
/// Replaying an account's entries from zero reproduces its balances.
struct cash_entry {
  cash_reason reason = cash_reason::deposit;
  std::uint64_t client_ref = 0; ///< the order it belongs to; 0 when none
  std::string symbol;           ///< the instrument it belongs to; empty for deposits and withdrawals
  cents free = 0;
  cents reserved = 0;
  cents posted = 0;         ///< initial margin posted for margin positions
  cents short_proceeds = 0; ///< short-sale proceeds held as collateral
  cents borrowed = 0;       ///< cash borrowed for margin longs (a liability)

  friend bool operator==(const cash_entry&, const cash_entry&) = default;
};

/// Change of the account's net cash (free + reserved + posted + short proceeds − borrowed), cents.
/// Zero for internal moves; ± the trade amount for fills; ± the amount for deposits, withdrawals, fees.
constexpr cents net_change(const cash_entry& e) noexcept {
  return e.free + e.reserved + e.posted + e.short_proceeds - e.borrowed;
}

/// One net change of an account's cash as the cash ledger records it: the entries of one journaled
/// input summed per (reason, symbol). Internal moves (reserve, release, delivery) net to zero and are
/// not movements.
struct cash_movement {
  sequence seq = 0;      ///< the account journal entry (account_entry::seq) that caused it
  sequence book_seq = 0; ///< the book event of a fill, its fee or its release (0: none)
  cash_reason reason = cash_reason::deposit;
  std::string symbol;    ///< empty for deposits and withdrawals
  cents amount = 0;      ///< signed net change, cents (never 0)
  timestamp_ns time = 0; ///< when the entry was applied, ns UTC
  friend bool operator==(const cash_movement&, const cash_movement&) = default;
};

/// Sums `entries` per (reason, symbol) and keeps the sums that are not zero, in the order each
/// (reason, symbol) first appears; seq, book_seq and time stay 0 for the caller to set.
std::vector<cash_movement> net_movements(const std::vector<cash_entry>& entries);

} // namespace bourse
