#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bots/live/live_bot.hpp"
#include "bots/market/market_catalog.hpp"

namespace bourse::bots {

/// A bot process's fleet: every bot to run plus process-wide settings (see docs/bots.md).
struct fleet {
  std::vector<bot_spec> bots;
  std::string webhook_url;                          ///< empty = no notifications
  std::chrono::milliseconds status_interval{1'000}; ///< status reports to the gateway
  std::int64_t bar_interval_s = 60;                 ///< candle interval fed to on_bar
};

/// Parses a TOML fleet file: top-level `webhook_url`, `status_interval_ms`, `bar_interval_s`,
/// `starting_cash` (cents), and `[[bots]]` tables with `strategy`, `count`, `symbols`, optional
/// `name` (prefix; bots are named prefix-SYMBOL-i), `params` (numbers) and `risk` (risk_limits keys;
/// times in ms). Every symbol must be listed in `market`; each bot gets its symbol's fundamental on
/// `market.clock` (set its started_at first). Strategies that take a seed get `seed` (default 1) plus
/// the bot's index in the fleet, so that equal bots make different choices. Strategy names and
/// parameters are checked with make_strategy. Throws std::invalid_argument naming the offending key or
/// the TOML error position.
fleet parse_fleet(std::string_view toml_text, const market_catalog& market);

/// Reads and parses a fleet file; throws std::invalid_argument (also when it cannot be read).
fleet load_fleet(const std::string& path, const market_catalog& market);

} // namespace bourse::bots
