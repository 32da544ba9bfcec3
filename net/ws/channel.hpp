#pragma once

#include "actors/account/margin.hpp"
#include "actors/common/reason_code.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bourse::net::ws {

/// The kinds of WebSocket channel; orders and account are private (need an authenticated session).
enum class channel_kind : std::uint8_t { ticker, book, trades, candles, auction, orders, account };

/// A parsed channel name: `ticker`, `book.<SYM>`, `trades.<SYM>`, `candles.<SYM>.<interval>`
/// (1s|1m|5m|15m|1h|1d), `auction.<id>`, `orders`, `account`.
struct channel {
  channel_kind kind = channel_kind::ticker;
  std::string name;            ///< the wire name, as the client wrote it
  std::string symbol;          ///< book, trades, candles
  std::int64_t interval_s = 0; ///< candles
  std::uint64_t auction = 0;   ///< auction
};

/// The outcome of parse_channel: code none and a channel, or MALFORMED_REQUEST (bad name) or
/// UNKNOWN_SYMBOL (a symbol outside instruments).
struct parsed_channel {
  reason_code code = reason_code::none;
  channel value;
};

/// Parses a channel name against the listed instruments.
parsed_channel parse_channel(std::string_view name, const instrument_table& instruments);

/// Seconds of a candle interval name (1s|1m|5m|15m|1h|1d); nullopt for another name.
std::optional<std::int64_t> interval_seconds(std::string_view name) noexcept;

/// Name of a candle interval of this many seconds (1s|1m|5m|15m|1h|1d); empty for another length.
std::string_view interval_name(std::int64_t seconds) noexcept;

/// True for orders and account.
bool is_private(channel_kind kind) noexcept;

} // namespace bourse::net::ws
