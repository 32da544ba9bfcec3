#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bourse {

/// The project's single list of reason codes, numbered by stage: validation 1xxx, risk 2xxx,
/// matching 3xxx, auth 4xxx, system 5xxx. The numbers and the wire strings (to_string) are stable:
/// append new codes, never renumber or rename.
enum class reason_code : std::uint16_t {
  none = 0,
  // validation
  malformed_request = 1000,
  unknown_symbol = 1001,
  invalid_quantity = 1002,
  off_lot = 1003,
  quantity_below_min = 1004,
  quantity_above_max = 1005,
  invalid_price = 1006,
  off_tick = 1007,
  outside_price_band = 1008,
  invalid_stop_price = 1009,
  invalid_time_in_force = 1010,
  invalid_expire_time = 1011,
  invalid_display_quantity = 1012,
  post_only_not_limit = 1013,
  duplicate_client_order_id = 1014,
  unknown_order = 1015,
  replace_not_allowed = 1016,
  invalid_amount = 1017,
  not_found = 1018,
  method_not_allowed = 1019,
  request_too_large = 1020,
  symbol_listed = 1021, ///< an instrument with this symbol is already listed
  // validation: auctions (11xx)
  invalid_lot = 1101, ///< auction lot definition is incomplete or inconsistent
  bid_too_low = 1102, ///< bid below the start price or the current high plus the increment
  // risk
  insufficient_buying_power = 2001,
  insufficient_shares = 2002,
  insufficient_margin = 2003,
  max_position_exceeded = 2004,
  max_open_orders_exceeded = 2005,
  account_halted = 2006,
  account_reducing_only = 2007,
  notional_overflow = 2008,
  insufficient_position = 2009,
  margin_not_allowed = 2010,
  max_loss_exceeded = 2011, ///< bot kill switch: loss limit reached
  loss_cooldown = 2012,     ///< bot paused after consecutive losing trades
  spread_too_wide = 2013,   ///< bot spread filter: no market orders on a wide spread
  // matching
  post_only_would_cross = 3001,
  fok_not_fillable = 3002,
  no_liquidity = 3003,
  self_trade_prevented = 3004,
  instrument_halted = 3005,
  expired = 3006,
  ioc_remainder = 3007,
  cancelled_by_user = 3008,
  liquidation = 3009,
  // matching: auctions (31xx)
  auction_not_running = 3101,   ///< bid or close outside the running state (or after the end time)
  outbid = 3102,                ///< another bid already holds this level or higher
  self_outbid = 3103,           ///< the bidder already holds the high bid and the lot forbids raising it
  auction_has_bids = 3104,      ///< cancel refused: the lot has bids
  reserve_not_met = 3105,       ///< closed without sale: the high bid is under the reserve price
  auction_not_scheduled = 3106, ///< start refused: the lot is not in the scheduled state
  // auth
  unauthenticated = 4001,
  token_expired = 4002,
  token_invalid = 4003,
  forbidden = 4004,
  rate_limited = 4005,
  invalid_credentials = 4006,
  username_taken = 4007,
  origin_not_allowed = 4008,
  // system
  internal_error = 5001,
  busy = 5002,
  timeout = 5003,
  unavailable = 5004,
  persistence_failed = 5005,
};

/// Stable wire form, e.g. reason_code::off_tick -> "OFF_TICK".
std::string_view to_string(reason_code code) noexcept;

/// Parses the wire form; nullopt for an unknown string.
std::optional<reason_code> reason_code_from_string(std::string_view text) noexcept;

/// A short English description for humans (messages, logs); tests assert codes, never these texts.
std::string_view describe(reason_code code) noexcept;

} // namespace bourse
