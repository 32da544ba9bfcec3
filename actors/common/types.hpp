#pragma once

#include <cstdint>

/// Vocabulary types shared by the exchange core, the actors and the wire formats.
/// Money is integer cents of the quote currency, quantities are integer shares; never floating point.
namespace bourse {

/// A price or an amount of money, in cents (the quote currency's minor unit).
using cents = std::int64_t;
/// A number of shares (or units of a bond or currency pair).
using quantity = std::int64_t;
/// Book-assigned order id, unique within one symbol's book, never reused.
using order_id = std::uint64_t;
/// Account (user) id; 0 is never a valid account.
using account_id = std::uint64_t;
/// A book's sequence number: every event the book emits has the next one.
using sequence = std::uint64_t;
/// Nanoseconds since the Unix epoch, UTC.
using timestamp_ns = std::int64_t;
/// Basis points: 1 bp = 0.01 %.
using basis_points = std::int64_t;

enum class side : std::uint8_t { buy, sell };

/// LIMIT rests at its price; MARKET takes what the price band allows; STOP becomes MARKET and
/// STOP_LIMIT becomes LIMIT once the last trade price reaches the stop price.
enum class order_type : std::uint8_t { limit, market, stop, stop_limit };

/// GTC rests until cancelled; IOC cancels the unfilled remainder; FOK fills completely or not at all;
/// GTD rests until its expire time; DAY rests until the end of the trading day.
enum class time_in_force : std::uint8_t { gtc, ioc, fok, gtd, day };

/// Self-trade prevention: what happens when an incoming order would trade with a resting order of the
/// same account. The incoming (newest) order's mode decides.
enum class stp_mode : std::uint8_t { cancel_newest, cancel_oldest, cancel_both, decrement };

constexpr side opposite(side s) noexcept {
  return s == side::buy ? side::sell : side::buy;
}

} // namespace bourse
