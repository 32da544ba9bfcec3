#include "bots/data/price_path.hpp"

#include <algorithm>
#include <cmath>

#include "bots/data/date_parse.hpp"
#include "bots/data/decimal.hpp"

namespace bourse::bots {

price_path::price_path(std::vector<price_point> points) : points_(std::move(points)) {
}

price_path price_path::from_closes(const std::vector<bar>& bars, timestamp_ns close_offset) {
  std::vector<price_point> points;
  points.reserve(bars.size());
  for (const auto& b : bars)
    points.push_back({b.time + close_offset, b.close});
  return price_path(std::move(points));
}

price_path price_path::geometric_daily_fill(cents tick) const {
  constexpr timestamp_ns day = 86'400'000'000'000;
  std::vector<price_point> out;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    out.push_back(points_[i]);
    if (i + 1 == points_.size() || points_[i].price <= 0 || points_[i + 1].price <= 0)
      continue;
    const auto& from = points_[i];
    const auto& to = points_[i + 1];
    const double span = static_cast<double>(to.time - from.time);
    const double log_ratio = std::log(static_cast<double>(to.price) / static_cast<double>(from.price));
    for (timestamp_ns t = from.time + day; t < to.time; t += day) {
      const double price =
          static_cast<double>(from.price) * std::exp(log_ratio * static_cast<double>(t - from.time) / span);
      out.push_back({t, std::max<cents>(tick, std::llround(price / static_cast<double>(tick)) * tick)});
    }
  }
  return price_path(std::move(out));
}

cents price_path::at(timestamp_ns t) const noexcept {
  const auto after = std::upper_bound(points_.begin(), points_.end(), t,
                                      [](timestamp_ns time, const price_point& p) { return time < p.time; });
  return after == points_.begin() ? 0 : std::prev(after)->price;
}

price_series_load_result parse_price_series_csv(std::string_view text) {
  price_series_load_result result;
  const csv_table table(text);
  const auto symbol_col = table.column("symbol");
  const auto date_col = table.column("date");
  const auto price_col = table.column("price");
  if (!symbol_col || !date_col || !price_col) {
    result.errors.push_back({1, csv_error::missing_column, "need columns symbol,date,price"});
    return result;
  }
  std::map<std::string, std::vector<price_point>, std::less<>> points;
  for (const auto& row : table.rows()) {
    if (row.fields.size() != table.header().size()) {
      result.errors.push_back({row.line, csv_error::wrong_field_count, "field count differs from header"});
      continue;
    }
    const auto day = parse_utc_day(row.fields[*date_col]);
    if (!day) {
      result.errors.push_back(
          {row.line, csv_error::bad_date, "bad date '" + std::string(row.fields[*date_col]) + "'"});
      continue;
    }
    const auto price = parse_cents(row.fields[*price_col]);
    if (!price || *price <= 0) {
      result.errors.push_back(
          {row.line, csv_error::bad_price, "bad price '" + std::string(row.fields[*price_col]) + "'"});
      continue;
    }
    auto& series = points[std::string(row.fields[*symbol_col])];
    if (!series.empty() && *day <= series.back().time) {
      result.errors.push_back(
          {row.line, csv_error::out_of_order, "date not after the previous row of the symbol"});
      continue;
    }
    series.push_back({*day, *price});
  }
  for (auto& [symbol, series] : points)
    result.series.emplace(symbol, price_path(std::move(series)));
  return result;
}

price_series_load_result load_price_series_csv(const std::string& path) {
  const auto text = read_text_file(path);
  if (!text)
    return {{}, {{0, csv_error::unreadable_file, "cannot read " + path}}};
  return parse_price_series_csv(*text);
}

} // namespace bourse::bots
