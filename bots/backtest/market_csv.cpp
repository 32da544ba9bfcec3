#include "bots/backtest/market_csv.hpp"

#include <fstream>
#include <stdexcept>

namespace bourse::bots {
namespace {

template <class Row, class Write>
void write_csv(const std::string& path, const char* header, std::span<const Row> rows, Write write_row) {
  std::ofstream out{path};
  out << header << '\n';
  for (const auto& row : rows)
    write_row(out, row);
  out.flush();
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

} // namespace

void write_trades_csv(const std::string& path, std::span<const sim_trade> trades) {
  write_csv(path, "time_ns,price,qty", trades, [](std::ostream& out, const sim_trade& t) {
    out << t.time << ',' << t.price << ',' << t.qty << '\n';
  });
}

void write_books_csv(const std::string& path, std::span<const book_sample> samples) {
  write_csv(path, "time_ns,bid,ask,depth", samples, [](std::ostream& out, const book_sample& s) {
    out << s.time << ',' << s.bid << ',' << s.ask << ',' << s.depth << '\n';
  });
}

std::vector<price_point> trade_prices(std::span<const sim_trade> trades) {
  std::vector<price_point> out;
  out.reserve(trades.size());
  for (const auto& t : trades)
    out.push_back({t.time, t.price});
  return out;
}

} // namespace bourse::bots
