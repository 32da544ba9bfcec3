#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "actors/account/cash_journal.hpp"
#include "actors/account/fees.hpp"
#include "actors/account/position.hpp"
#include "actors/account/reservation.hpp"
#include "actors/book/order_request.hpp"
#include "actors/common/instrument.hpp"
#include "actors/common/reason_code.hpp"

namespace bourse {

/// ACTIVE trades freely; REDUCING accepts only orders that shrink positions (spot sells, margin closes);
/// HALTED accepts no new orders (cancels, fills and releases of open orders still apply).
enum class risk_state : std::uint8_t { active, reducing, halted };

/// Per-account risk limits.
struct risk_limits {
  quantity max_position = 1'000'000; ///< max long (spot + margin long + open buys) or short shares per symbol
  std::size_t max_open_orders = 200; ///< max open orders across all symbols
};

/// What one fill did to the account.
struct fill_result {
  reason_code reason = reason_code::none; ///< UNKNOWN_ORDER, INVALID_QUANTITY, NOTIONAL_OVERFLOW; else NONE
  cents fee = 0;                          ///< fee paid, cents (to be credited to the house)
  cents realized_pnl = 0;                 ///< P&L realised by this fill (closes, spot sells), cents
  cents released = 0;                     ///< reserved cash returned to free cash (price improvement, end)
};

/// One user's book-keeping: cash buckets, unified positions, open-order reservations, risk state.
/// Plain C++ (no actor, no I/O). Amounts are cents, quantities shares. Every cash change is journaled.
/// Model and formulas: docs/accounts.md.
class account {
public:
  using position_map = std::map<std::string, position, std::less<>>;
  using order_map = std::map<std::uint64_t, reservation>;

  explicit account(account_id id, risk_limits limits = {});

  account_id id() const noexcept { return id_; }

  /// Credits external cash. INVALID_AMOUNT unless amount > 0; NOTIONAL_OVERFLOW if the balance overflows.
  reason_code deposit(cents amount);
  /// Debits external cash from free cash. INVALID_AMOUNT, ACCOUNT_HALTED, INSUFFICIENT_BUYING_POWER.
  reason_code withdraw(cents amount);
  /// Adds newly issued spot shares at zero cost. INVALID_QUANTITY unless qty > 0; NOTIONAL_OVERFLOW.
  reason_code issue_shares(std::string_view symbol, quantity qty);
  /// House side of a fee: credits `amount` cents to free cash (journaled as fee income).
  void collect_fee(std::string_view symbol, std::uint64_t client_ref, cents amount);

  /// Pre-trade risk check and reservation for a new order (see docs/accounts.md for the rules).
  /// NONE on success (the order is now open under request.client_ref); otherwise a validation
  /// (DUPLICATE_CLIENT_ORDER_ID, INVALID_QUANTITY, INVALID_PRICE) or risk (2xxx) reason and no change.
  reason_code place(const instrument& inst, const order_request& request, bool margin);

  /// Applies a fill of `qty` shares at `price` of the open order `client_ref`, as maker or taker:
  /// settles cash and position, pays the fee (fill_fee with the instrument's rate) and releases
  /// reserved cash no longer needed (price improvement). No change when `reason` is not NONE.
  fill_result apply_fill(const instrument& inst, std::uint64_t client_ref, cents price, quantity qty,
                         liquidity role);

  /// Cancel or expiry of `qty` open shares of `client_ref`: releases their shares and cash.
  /// UNKNOWN_ORDER, INVALID_QUANTITY (qty <= 0 or above the open quantity).
  reason_code release(std::uint64_t client_ref, quantity qty);
  /// Releases everything the order holds (book rejection, cancel of the whole remainder).
  reason_code release_all(std::uint64_t client_ref);

  /// Pre-trade risk of replacing the open order `client_ref` by one at `new_price` cents (limit) with
  /// `new_open_qty` open shares: holds the extra cash and shares the new order needs on top of the old
  /// one until apply_replace or abort_replace. UNKNOWN_ORDER, REPLACE_NOT_ALLOWED (a replace is already
  /// pending), INVALID_QUANTITY, INVALID_PRICE, ACCOUNT_HALTED, ACCOUNT_REDUCING_ONLY (growing an
  /// opening order), the position checks of `place`, INSUFFICIENT_BUYING_POWER / INSUFFICIENT_MARGIN,
  /// NOTIONAL_OVERFLOW; no change unless NONE.
  reason_code prepare_replace(const instrument& inst, std::uint64_t client_ref, cents new_price,
                              quantity new_open_qty);
  /// The book's REPLACED event: the order now rests at `new_price` with `new_open_qty` open shares
  /// (with or without a prepare_replace). Trims the reservation to what the new order needs. When fills
  /// that raced the replace used up part of what was held, the rest is taken from free cash and shares;
  /// if they fall short, the order's open quantity is cut to what is covered and the reason is
  /// INSUFFICIENT_BUYING_POWER, INSUFFICIENT_MARGIN, INSUFFICIENT_SHARES or INSUFFICIENT_POSITION: the
  /// caller must then reduce the book order to find_order(client_ref)->open_qty (0: order gone, cancel
  /// it). UNKNOWN_ORDER, INVALID_QUANTITY (new_open_qty <= 0), NOTIONAL_OVERFLOW (no change then).
  reason_code apply_replace(const instrument& inst, std::uint64_t client_ref, cents new_price,
                            quantity new_open_qty);
  /// The book rejected the replace (or it timed out unanswered): returns what prepare_replace held.
  /// UNKNOWN_ORDER when the order is gone or no replace is pending.
  reason_code abort_replace(std::uint64_t client_ref);

  /// Genbiki: turns `qty` shares of a margin long into spot shares by repaying their share of the loan
  /// from free cash (their posted margin is released first). INSUFFICIENT_POSITION,
  /// INSUFFICIENT_BUYING_POWER, INVALID_QUANTITY, ACCOUNT_HALTED.
  reason_code take_delivery(const instrument& inst, quantity qty);
  /// Genwatashi: closes `qty` shares of a margin short with owned free spot shares; the held proceeds
  /// (and posted margin) become free cash and the spot sale's P&L is realised. INSUFFICIENT_POSITION,
  /// INSUFFICIENT_SHARES, INVALID_QUANTITY, ACCOUNT_HALTED.
  reason_code deliver_shares(const instrument& inst, quantity qty);

  /// Auction hold: sets the cash held under `hold_ref` (an auction id) to `amount` cents, moving the
  /// difference between free and reserved cash. INVALID_AMOUNT unless amount > 0; ACCOUNT_HALTED;
  /// INSUFFICIENT_BUYING_POWER when free cash cannot cover an increase (no change then).
  reason_code set_hold(std::uint64_t hold_ref, cents amount);
  /// Returns the whole hold `hold_ref` (cash to free cash, escrowed shares to free spot).
  /// UNKNOWN_ORDER when there is neither.
  reason_code release_hold(std::uint64_t hold_ref);
  /// Cash held under `hold_ref`, cents (0 when none).
  cents held(std::uint64_t hold_ref) const noexcept;
  /// Cash held by every auction hold, cents (part of reserved_cash).
  cents held_total() const noexcept;
  /// Auction escrow: moves `qty` free spot shares of `symbol` to reserved spot under `hold_ref` (a lot
  /// the account sells). INVALID_QUANTITY unless qty > 0; DUPLICATE_CLIENT_ORDER_ID when `hold_ref`
  /// escrows shares already; INSUFFICIENT_SHARES (no change then).
  reason_code hold_shares(std::uint64_t hold_ref, std::string_view symbol, quantity qty);
  /// Shares escrowed under `hold_ref` (0 when none).
  quantity held_shares(std::uint64_t hold_ref) const noexcept;
  /// Every hold_ref with a cash hold or an escrow, ascending.
  std::vector<std::uint64_t> hold_refs() const;
  /// Buyer side of an auction sale: pays `price` cents out of the hold (the rest is released) and
  /// receives `qty` spot shares of `symbol` at cost `price` (qty 0 for an item lot). UNKNOWN_ORDER
  /// without a hold; INVALID_AMOUNT unless 0 < price <= hold; INVALID_QUANTITY when qty < 0.
  reason_code pay_hold(std::uint64_t hold_ref, std::string_view symbol, cents price, quantity qty);
  /// Seller side of an auction sale: delivers `qty` spot shares of `symbol` (0 for an item) — the
  /// shares escrowed under `hold_ref` when there are (any rest of the escrow is released), else free
  /// spot — and is credited `price` cents. INVALID_AMOUNT, INVALID_QUANTITY, INSUFFICIENT_SHARES,
  /// NOTIONAL_OVERFLOW (no change then).
  reason_code sell_outside_book(std::uint64_t hold_ref, std::string_view symbol, cents price, quantity qty);

  void set_state(risk_state state) noexcept { state_ = state; }
  risk_state state() const noexcept { return state_; }
  void set_limits(risk_limits limits) noexcept { limits_ = limits; }
  const risk_limits& limits() const noexcept { return limits_; }

  /// Cash available for new orders and withdrawals, cents (negative only after a margin loss
  /// beyond the account's collateral).
  cents free_cash() const noexcept { return free_; }
  /// Cash reserved for open orders, cents.
  cents reserved_cash() const noexcept { return reserved_; }
  /// Initial margin posted for open margin positions, cents.
  cents posted_margin() const noexcept { return posted_; }
  /// Short-sale proceeds held as collateral, cents.
  cents short_proceeds() const noexcept { return short_proceeds_; }
  /// Cash borrowed to pay for margin longs, cents (a liability).
  cents borrowed_cash() const noexcept { return borrowed_; }
  /// free + reserved + posted + short proceeds − borrowed, cents: what the conservation invariant sums.
  cents net_cash() const noexcept { return free_ + reserved_ + posted_ + short_proceeds_ - borrowed_; }
  /// Total deposited and withdrawn, and fees paid, cents.
  cents deposited() const noexcept { return deposited_; }
  cents withdrawn() const noexcept { return withdrawn_; }
  cents fees_paid() const noexcept { return fees_paid_; }

  /// The position in `symbol`, or nullptr if the account never held or ordered it.
  const position* find_position(std::string_view symbol) const;
  const position_map& positions() const noexcept { return positions_; }
  /// The open order `client_ref`, or nullptr.
  const reservation* find_order(std::uint64_t client_ref) const;
  const order_map& open_orders() const noexcept { return orders_; }

  /// Every cash movement since construction (or since the last take_journal), oldest first.
  const std::vector<cash_entry>& journal() const noexcept { return journal_; }
  /// Hands the journal over (e.g. to persistence) and starts a new one.
  std::vector<cash_entry> take_journal() noexcept;

private:
  friend struct account_image; ///< the checkpoint codec (persistence/account_checkpoint.cpp)

  /// Applies one cash movement to the buckets and journals it: the only way cash changes.
  void post(cash_entry entry);
  position& position_of(std::string_view symbol);
  /// Pays `amount` for order `r`: from its reservation first, the rest from free cash.
  void pay_from_order(std::uint64_t client_ref, reservation& r, cents amount, cash_reason why);
  /// Returns reserved cash above what the open quantity still needs; the amount released.
  cents release_excess(std::uint64_t client_ref, reservation& r);
  /// Gives back `qty` reserved shares of a sell or close order (holds -qty more when qty < 0).
  void unreserve_shares(reservation& r, quantity qty);
  /// Shares a sell or close order could still hold from the position (free spot, unclosed margin).
  quantity holdable_shares(const reservation& r) const;
  /// Forgets a pending replace of `r`, giving back the shares held for it (its cash is released by
  /// the next release_excess).
  void drop_replace(reservation& r);
  /// Takes `amount` out of the reservation, as far as it goes; returns {from reserved, from free}.
  static std::pair<cents, cents> draw(reservation& r, cents amount) noexcept;
  /// Moves cash and shares for one fill according to the order's intent.
  void settle(std::uint64_t client_ref, reservation& r, position& pos, quantity qty, cents notional, cents im,
              fill_result& result);
  /// Position and share checks of `place` (max position, shares, closable quantity).
  reason_code check_position(order_intent intent, std::string_view symbol, quantity qty,
                             const position& pos) const;

  account_id id_;
  risk_limits limits_;
  risk_state state_ = risk_state::active;
  cents free_ = 0;
  cents reserved_ = 0;
  cents posted_ = 0;
  cents short_proceeds_ = 0;
  cents borrowed_ = 0;
  cents deposited_ = 0;
  cents withdrawn_ = 0;
  cents fees_paid_ = 0;
  position_map positions_;
  order_map orders_;
  std::map<std::uint64_t, cents> holds_; ///< auction holds by hold_ref, cents (part of reserved_)
  /// Auction escrows by hold_ref: symbol and shares (part of that position's spot_reserved).
  std::map<std::uint64_t, std::pair<std::string, quantity>> share_holds_;
  std::vector<cash_entry> journal_;
};

} // namespace bourse
