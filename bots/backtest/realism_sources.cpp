#include "bots/backtest/realism_sources.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include "persistence/pg_connection.hpp"

namespace bourse::bots {
namespace {

/// Reads the integer columns of every data row of a CSV file (header skipped) into `row`.
template <class Row>
std::vector<Row> read_rows(const std::string& path, std::size_t columns,
                           Row (*make)(const std::int64_t* values)) {
  std::ifstream in{path};
  if (!in)
    throw std::invalid_argument("cannot read " + path);
  std::vector<Row> out;
  std::string line;
  std::getline(in, line);
  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (line.empty())
      continue;
    std::int64_t values[4] = {};
    std::string_view rest = line;
    for (std::size_t c = 0; c < columns; ++c) {
      const auto comma = rest.find(',');
      const auto field = rest.substr(0, comma);
      const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), values[c]);
      if (ec != std::errc{} || end != field.data() + field.size() ||
          (comma == std::string_view::npos) != (c + 1 == columns))
        throw std::invalid_argument(path + ":" + std::to_string(number) + ": expected " +
                                    std::to_string(columns) + " integer columns");
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    out.push_back(make(values));
  }
  return out;
}

} // namespace

std::vector<price_point> read_trades_csv(const std::string& path) {
  auto trades = read_rows<price_point>(path, 3, [](const std::int64_t* v) {
    return price_point{v[0], v[1]};
  });
  std::stable_sort(trades.begin(), trades.end(),
                   [](const auto& a, const auto& b) { return a.time < b.time; });
  return trades;
}

std::vector<book_sample> read_books_csv(const std::string& path) {
  return read_rows<book_sample>(path, 4, [](const std::int64_t* v) {
    return book_sample{v[0], v[1], v[2], v[3]};
  });
}

std::vector<price_point> read_executions(const std::string& database, const std::string& symbol) {
  auto conn = pg_connection::open(database);
  if (!conn)
    throw std::runtime_error("database: " + conn.error().message);
  auto rows =
      conn->exec("SELECT time_ns, price FROM executions WHERE symbol = $1 ORDER BY time_ns, seq", symbol);
  if (!rows)
    throw std::runtime_error("database: " + rows.error().message);
  std::vector<price_point> out;
  out.reserve(static_cast<std::size_t>(rows->rows()));
  for (int r = 0; r < rows->rows(); ++r)
    out.push_back({rows->int64(r, 0), rows->int64(r, 1)});
  return out;
}

} // namespace bourse::bots
