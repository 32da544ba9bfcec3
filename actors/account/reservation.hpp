#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "actors/common/types.hpp"

namespace bourse {

/// What an accepted order does to the account when it fills.
enum class order_intent : std::uint8_t {
  spot_buy,    ///< pays cash, receives spot shares
  spot_sell,   ///< delivers reserved spot shares, receives cash minus fee
  open_long,   ///< margin buy (shinyo kai): borrows the cash, posts initial margin
  open_short,  ///< margin sell (kara uri): borrows the shares, holds the proceeds, posts initial margin
  close_long,  ///< margin sell closing a long (henzai uri): repays the loan, settles P&L
  close_short, ///< margin buy closing a short (henzai kai): returns the shares, settles P&L
};

/// True for intents that buy shares.
constexpr bool buys(order_intent intent) noexcept {
  return intent == order_intent::spot_buy || intent == order_intent::open_long ||
         intent == order_intent::close_short;
}

/// What an open order holds back, keyed in the account by the owner's client_ref.
/// The rates are copied from the instrument at placement so releases need no instrument.
struct reservation {
  std::string symbol;
  order_intent intent = order_intent::spot_buy;
  cents price = 0;             ///< reservation price: the limit, or the band high for market buys and shorts
  cents limit = 0;             ///< the order's limit price as the client set it (0 for a market order)
  quantity open_qty = 0;       ///< shares still open on the book
  cents cash = 0;              ///< cash still reserved, cents
  basis_points fee_bps = 0;    ///< max(maker, taker) fee rate at placement
  basis_points margin_bps = 0; ///< initial margin rate at placement (margin opens only)
  quantity lot = 1;            ///< lot size at placement
  cents replace_price = 0;     ///< pending replace: the new reservation price (0 = no replace pending)
  quantity replace_qty = 0;    ///< pending replace: the new open quantity
  quantity replace_held = 0;   ///< pending replace: extra shares held for it (spot sells, closes)

  friend bool operator==(const reservation&, const reservation&) = default;
};

/// Cash that `qty` open shares of an order must keep reserved, cents; nullopt on overflow.
/// spot_buy: N + fee; open_long/open_short: ceil(N × margin_bps / 10'000) + fee; close_short: fee;
/// spot_sell/close_long: 0 (their fee comes out of the proceeds). N = price × qty,
/// fee = ceil(N × fee_bps / 10'000), plus 1 cent per lot for each rounded-up term (fee, margin) so that
/// per-fill rounding can never outgrow the reservation (ceil(a) + ceil(b) <= ceil(a + b) + 1).
std::optional<cents> required_cash(order_intent intent, cents price, quantity qty, basis_points fee_bps,
                                   basis_points margin_bps, quantity lot) noexcept;

/// Cash the reservation `r` needs for its current open quantity; nullopt on overflow. While a replace
/// is pending the order may still trade as the old or as the new order, so it keeps the larger price
/// and quantity of the two.
inline std::optional<cents> required_cash(const reservation& r) noexcept {
  if (r.replace_price == 0)
    return required_cash(r.intent, r.price, r.open_qty, r.fee_bps, r.margin_bps, r.lot);
  return required_cash(r.intent, std::max(r.price, r.replace_price), std::max(r.open_qty, r.replace_qty),
                       r.fee_bps, r.margin_bps, r.lot);
}

/// Reservation price of a limit order, cents: buys pay at most their limit; sells can trade up to the
/// band high, which bounds a short's margin.
constexpr cents reservation_price(order_intent intent, cents limit, cents band_high) noexcept {
  return buys(intent) ? limit : std::max(limit, band_high);
}

} // namespace bourse
