#pragma once

#include <span>
#include <string>

#include "bots/backtest/market_simulator.hpp"

namespace bourse::bots {

/// Writes trades as CSV `time_ns,price,qty` (ns, cents, shares; what read_trades_csv reads).
/// Throws std::runtime_error when the file cannot be written.
void write_trades_csv(const std::string& path, std::span<const sim_trade> trades);

/// Writes book samples as CSV `time_ns,bid,ask,depth` (what read_books_csv reads).
/// Throws std::runtime_error when the file cannot be written.
void write_books_csv(const std::string& path, std::span<const book_sample> samples);

/// The trades' (time, price) points, for interval_log_returns.
std::vector<price_point> trade_prices(std::span<const sim_trade> trades);

} // namespace bourse::bots
