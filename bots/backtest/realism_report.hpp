#pragma once

#include <optional>
#include <string>

#include "bots/backtest/stylized_facts.hpp"

namespace bourse::bots {

/// A readable table of the simulated market's facts beside the real series' (and, when sampled, the
/// simulated books' spread in ticks and depth in shares), with the targets of docs/market-realism.md.
std::string format_realism_table(const stylized_facts& simulated, const stylized_facts& real,
                                 const std::optional<book_facts>& books);

/// The facts of the daily-close log returns in OHLCV CSV `path` (the real series the table compares
/// with). Throws std::invalid_argument naming the file and the first bad row.
stylized_facts daily_close_facts(const std::string& path);

} // namespace bourse::bots
