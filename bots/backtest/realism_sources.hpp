#pragma once

#include <string>
#include <vector>

#include "bots/backtest/stylized_facts.hpp"

namespace bourse::bots {

/// Trades from CSV with a header and columns time_ns,price,qty (ns UTC, cents, shares), sorted by
/// time. Throws std::invalid_argument naming the file and line of a bad row.
std::vector<price_point> read_trades_csv(const std::string& path);

/// Book samples from CSV with a header and columns time_ns,bid,ask,depth (bots/tools/sample_books.sh).
/// Throws std::invalid_argument naming the file and line of a bad row.
std::vector<book_sample> read_books_csv(const std::string& path);

/// A node's recorded trades of `symbol` from PostgreSQL table `executions` (time_ns, price) at
/// libpq URL `database`, in time order. Throws std::runtime_error with the server's message.
std::vector<price_point> read_executions(const std::string& database, const std::string& symbol);

} // namespace bourse::bots
