#pragma once

#include <chrono>

#include <caf/fwd.hpp>

#include "actors/common/types.hpp"

namespace bourse {

/// The node's funding of bot accounts. Bots are the game's liquidity: noise traders lose on purpose
/// (spread, fees, adverse selection), so without funding a fleet runs out of cash within hours and
/// the market thins out. Money cents.
struct bot_funding_config {
  /// A logged-in bot whose equity (cash plus positions at cost) is below this gets a deposit;
  /// 0 = no funding.
  cents floor = 0;
  /// The deposit brings the equity back to this (at least floor).
  cents target = 0;
  /// Each bot is checked at most this often, on its status reports.
  caf::timespan interval = std::chrono::seconds(60);
  /// Per request to the bot's account.
  caf::timespan timeout = std::chrono::seconds(2);
};

/// The deposit (cents) that brings `equity` back to `cfg.target` when it is below `cfg.floor`,
/// else 0.
cents bot_top_up(const bot_funding_config& cfg, cents equity) noexcept;

} // namespace bourse
