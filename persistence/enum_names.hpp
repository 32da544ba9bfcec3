#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace bourse {

/// Wire spellings of the enumerations stored in the journals (TEXT columns with a CHECK list),
/// indexed by the enumerator's value.
inline constexpr std::array<std::string_view, 2> side_names{"BUY", "SELL"};
inline constexpr std::array<std::string_view, 4> type_names{"LIMIT", "MARKET", "STOP", "STOP_LIMIT"};
inline constexpr std::array<std::string_view, 5> tif_names{"GTC", "IOC", "FOK", "GTD", "DAY"};
inline constexpr std::array<std::string_view, 4> stp_names{"CANCEL_NEWEST", "CANCEL_OLDEST", "CANCEL_BOTH",
                                                           "DECREMENT"};
inline constexpr std::array<std::string_view, 7> event_kind_names{
    "ACCEPTED", "REJECTED", "FILL", "CANCELLED", "REPLACED", "TRIGGERED", "EXPIRED"};
inline constexpr std::array<std::string_view, 8> book_command_names{
    "SUBMIT", "CANCEL", "REPLACE", "CANCEL_ALL", "EXPIRE", "END_OF_DAY", "HALT", "REFERENCE"};
inline constexpr std::array<std::string_view, 13> account_entry_names{
    "PLACE",   "DEPOSIT",  "ISSUE", "RISK",         "REPORT",   "REPLACE",          "ABORT_REPLACE",
    "REFUSED", "DELIVERY", "HOLD",  "RELEASE_HOLD", "PAY_HOLD", "SELL_OUTSIDE_BOOK"};
inline constexpr std::array<std::string_view, 7> auction_command_names{
    "CREATE", "START", "BID", "CANCEL", "CLOSE", "SETTLED", "REFUSED"};
inline constexpr std::array<std::string_view, 2> lot_kind_names{"SHARES", "ITEM"};
/// cash_ledger.reason by cash_reason; RESERVE and RELEASE net to zero and are never written.
inline constexpr std::array<std::string_view, 9> cash_reason_names{
    "DEPOSIT", "WITHDRAWAL", "RESERVE", "RELEASE", "TRADE", "FEE", "FEE_INCOME", "DELIVERY", "AUCTION"};

/// The spelling of `value` in `names`.
template <std::size_t N, class Enum>
constexpr std::string_view enum_name(const std::array<std::string_view, N>& names, Enum value) noexcept {
  return names[static_cast<std::size_t>(value)];
}

/// The enumerator spelled `text` in `names`, or nullopt.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> parse_enum(const std::array<std::string_view, N>& names,
                                         std::string_view text) noexcept {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text)
      return static_cast<Enum>(i);
  return std::nullopt;
}

} // namespace bourse
