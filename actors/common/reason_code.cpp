#include "actors/common/reason_code.hpp"

#include <array>

namespace bourse {
namespace {

struct reason_entry {
  reason_code code;
  std::string_view wire;
  std::string_view text;
};

constexpr std::array reason_table{
    reason_entry{reason_code::none, "NONE", "no error"},
    reason_entry{reason_code::malformed_request, "MALFORMED_REQUEST", "the request is malformed"},
    reason_entry{reason_code::unknown_symbol, "UNKNOWN_SYMBOL", "no instrument has this symbol"},
    reason_entry{reason_code::invalid_quantity, "INVALID_QUANTITY", "quantity must be positive"},
    reason_entry{reason_code::off_lot, "OFF_LOT", "quantity is not a multiple of the lot size"},
    reason_entry{reason_code::quantity_below_min, "QUANTITY_BELOW_MIN", "quantity is below the minimum"},
    reason_entry{reason_code::quantity_above_max, "QUANTITY_ABOVE_MAX", "quantity is above the maximum"},
    reason_entry{reason_code::invalid_price, "INVALID_PRICE", "price must be positive"},
    reason_entry{reason_code::off_tick, "OFF_TICK", "price is not a multiple of the tick size"},
    reason_entry{reason_code::outside_price_band, "OUTSIDE_PRICE_BAND",
                 "price is outside the band around the reference price"},
    reason_entry{reason_code::invalid_stop_price, "INVALID_STOP_PRICE", "stop price is missing or invalid"},
    reason_entry{reason_code::invalid_time_in_force, "INVALID_TIME_IN_FORCE",
                 "time in force is not allowed for this order type"},
    reason_entry{reason_code::invalid_expire_time, "INVALID_EXPIRE_TIME",
                 "expire time is missing or already passed"},
    reason_entry{reason_code::invalid_display_quantity, "INVALID_DISPLAY_QUANTITY",
                 "display quantity must be positive, on lot and below the quantity"},
    reason_entry{reason_code::post_only_not_limit, "POST_ONLY_NOT_LIMIT",
                 "post-only needs a resting limit order"},
    reason_entry{reason_code::duplicate_client_order_id, "DUPLICATE_CLIENT_ORDER_ID",
                 "client order id was already used for a different order"},
    reason_entry{reason_code::unknown_order, "UNKNOWN_ORDER", "no open order has this id"},
    reason_entry{reason_code::replace_not_allowed, "REPLACE_NOT_ALLOWED", "this order cannot be replaced"},
    reason_entry{reason_code::invalid_amount, "INVALID_AMOUNT", "amount must be positive"},
    reason_entry{reason_code::not_found, "NOT_FOUND", "no such resource"},
    reason_entry{reason_code::method_not_allowed, "METHOD_NOT_ALLOWED",
                 "the resource does not support this method"},
    reason_entry{reason_code::request_too_large, "REQUEST_TOO_LARGE",
                 "the request header or body is too large"},
    reason_entry{reason_code::symbol_listed, "SYMBOL_LISTED",
                 "an instrument with this symbol is already listed"},
    reason_entry{reason_code::invalid_lot, "INVALID_LOT", "the auction lot definition is invalid"},
    reason_entry{reason_code::bid_too_low, "BID_TOO_LOW", "bid is below the minimum next bid"},
    reason_entry{reason_code::insufficient_buying_power, "INSUFFICIENT_BUYING_POWER", "not enough free cash"},
    reason_entry{reason_code::insufficient_shares, "INSUFFICIENT_SHARES", "not enough free shares"},
    reason_entry{reason_code::insufficient_margin, "INSUFFICIENT_MARGIN",
                 "not enough equity for the initial margin"},
    reason_entry{reason_code::max_position_exceeded, "MAX_POSITION_EXCEEDED",
                 "order would exceed the maximum position"},
    reason_entry{reason_code::max_open_orders_exceeded, "MAX_OPEN_ORDERS_EXCEEDED", "too many open orders"},
    reason_entry{reason_code::account_halted, "ACCOUNT_HALTED", "account is halted: cancels only"},
    reason_entry{reason_code::account_reducing_only, "ACCOUNT_REDUCING_ONLY",
                 "account is reducing: only orders that shrink positions"},
    reason_entry{reason_code::notional_overflow, "NOTIONAL_OVERFLOW", "price times quantity overflows"},
    reason_entry{reason_code::insufficient_position, "INSUFFICIENT_POSITION",
                 "position is too small for this operation"},
    reason_entry{reason_code::margin_not_allowed, "MARGIN_NOT_ALLOWED",
                 "margin trading is not allowed on this instrument"},
    reason_entry{reason_code::max_loss_exceeded, "MAX_LOSS_EXCEEDED", "loss limit reached: trading stopped"},
    reason_entry{reason_code::loss_cooldown, "LOSS_COOLDOWN", "paused after consecutive losing trades"},
    reason_entry{reason_code::spread_too_wide, "SPREAD_TOO_WIDE", "spread too wide for a market order"},
    reason_entry{reason_code::post_only_would_cross, "POST_ONLY_WOULD_CROSS",
                 "post-only order would take liquidity"},
    reason_entry{reason_code::fok_not_fillable, "FOK_NOT_FILLABLE",
                 "fill-or-kill order cannot fill completely"},
    reason_entry{reason_code::no_liquidity, "NO_LIQUIDITY", "no resting order to trade with"},
    reason_entry{reason_code::self_trade_prevented, "SELF_TRADE_PREVENTED",
                 "order would trade with the same account"},
    reason_entry{reason_code::instrument_halted, "INSTRUMENT_HALTED", "trading in this instrument is halted"},
    reason_entry{reason_code::expired, "EXPIRED", "order expired"},
    reason_entry{reason_code::ioc_remainder, "IOC_REMAINDER", "unfilled remainder of an immediate order"},
    reason_entry{reason_code::cancelled_by_user, "CANCELLED_BY_USER", "cancelled on request"},
    reason_entry{reason_code::liquidation, "LIQUIDATION", "cancelled for liquidation"},
    reason_entry{reason_code::auction_not_running, "AUCTION_NOT_RUNNING", "the auction is not running"},
    reason_entry{reason_code::outbid, "OUTBID", "another bid already holds this price or higher"},
    reason_entry{reason_code::self_outbid, "SELF_OUTBID", "you already hold the high bid"},
    reason_entry{reason_code::auction_has_bids, "AUCTION_HAS_BIDS",
                 "the auction has bids and cannot be cancelled"},
    reason_entry{reason_code::reserve_not_met, "RESERVE_NOT_MET", "the high bid is under the reserve price"},
    reason_entry{reason_code::auction_not_scheduled, "AUCTION_NOT_SCHEDULED", "the auction is not scheduled"},
    reason_entry{reason_code::unauthenticated, "UNAUTHENTICATED", "authentication required"},
    reason_entry{reason_code::token_expired, "TOKEN_EXPIRED", "token expired"},
    reason_entry{reason_code::token_invalid, "TOKEN_INVALID", "token is invalid"},
    reason_entry{reason_code::forbidden, "FORBIDDEN", "role does not allow this"},
    reason_entry{reason_code::rate_limited, "RATE_LIMITED", "too many requests"},
    reason_entry{reason_code::invalid_credentials, "INVALID_CREDENTIALS", "wrong username or password"},
    reason_entry{reason_code::username_taken, "USERNAME_TAKEN", "username is taken"},
    reason_entry{reason_code::origin_not_allowed, "ORIGIN_NOT_ALLOWED", "origin is not allowed"},
    reason_entry{reason_code::internal_error, "INTERNAL_ERROR", "internal error"},
    reason_entry{reason_code::busy, "BUSY", "server is busy, retry later"},
    reason_entry{reason_code::timeout, "TIMEOUT", "request timed out, retry with the same client order id"},
    reason_entry{reason_code::unavailable, "UNAVAILABLE", "service unavailable, retry later"},
    reason_entry{reason_code::persistence_failed, "PERSISTENCE_FAILED", "could not store the request"},
};

const reason_entry* find_entry(reason_code code) noexcept {
  for (const auto& entry : reason_table)
    if (entry.code == code)
      return &entry;
  return nullptr;
}

} // namespace

std::string_view to_string(reason_code code) noexcept {
  const auto* entry = find_entry(code);
  return entry != nullptr ? entry->wire : "UNKNOWN_REASON";
}

std::optional<reason_code> reason_code_from_string(std::string_view text) noexcept {
  for (const auto& entry : reason_table)
    if (entry.wire == text)
      return entry.code;
  return std::nullopt;
}

std::string_view describe(reason_code code) noexcept {
  const auto* entry = find_entry(code);
  return entry != nullptr ? entry->text : "unknown reason";
}

} // namespace bourse
