#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "actors/account/account.hpp"
#include "actors/account/margin.hpp"
#include "actors/book/book_event.hpp"
#include "actors/book/order_request.hpp"

namespace bourse {

/// The house account's id: it collects every fee. Account id 0 is never a player.
inline constexpr account_id house_account_id = 0;

/// Many accounts plus the house account, with the totals the conservation invariant needs:
/// per asset, Σ over all accounts (house included) of net cash == deposits − withdrawals, and per
/// symbol Σ (spot + reserved spot + margin) == shares issued. Applies book events to both sides of a
/// trade (tests, backtester); the account actor applies only its own side with the same functions.
class ledger {
public:
  ledger();

  /// Opens an account (or returns the existing one; `limits` then applies only to a new one).
  account& open(account_id id, risk_limits limits = {});
  /// The account, or nullptr.
  account* find(account_id id);
  const account* find(account_id id) const;
  const account& house() const { return accounts_.at(house_account_id); }
  const std::map<account_id, account>& accounts() const noexcept { return accounts_; }

  /// Deposit into an account: MALFORMED_REQUEST for an unknown account or the house, else
  /// account::deposit's result.
  reason_code deposit(account_id id, cents amount);
  /// Withdrawal from an account: MALFORMED_REQUEST for an unknown account, else account::withdraw's result.
  reason_code withdraw(account_id id, cents amount);
  /// Issues new shares of `symbol` into an account's spot holding and counts them as issued.
  reason_code issue_shares(account_id id, std::string_view symbol, quantity qty);
  /// Pre-trade risk of request.owner's account (MALFORMED_REQUEST for an unknown owner).
  reason_code place(const instrument& inst, const order_request& request, bool margin);

  /// Applies one book event: fills settle taker and maker and credit both fees to the house;
  /// cancels and expiries release `qty`; replaces re-size the reservation (account::apply_replace);
  /// rejections of new orders release the whole order, rejections of a replace return what
  /// prepare_replace held; other kinds change nothing. Returns the first non-NONE reason from the accounts
  /// (UNKNOWN_ORDER, …), else NONE.
  reason_code apply(const instrument& inst, const book_event& event);

  /// Ids of accounts under maintenance margin, ascending (candidates for liquidation).
  std::vector<account_id> under_maintenance(const instrument_table& instruments,
                                            const mark_prices& marks) const;

  /// Deposits minus withdrawals over all accounts, cents.
  cents net_deposits() const;
  /// Shares of `symbol` issued so far.
  quantity shares_issued(std::string_view symbol) const;
  /// Σ net cash over all accounts − net deposits, cents: 0 when cash is conserved.
  cents cash_imbalance() const;
  /// Σ shares counted over all accounts − shares issued, for `symbol`: 0 when shares are conserved.
  quantity share_imbalance(std::string_view symbol) const;

private:
  std::map<account_id, account> accounts_;
  std::map<std::string, quantity, std::less<>> issued_;
};

} // namespace bourse
