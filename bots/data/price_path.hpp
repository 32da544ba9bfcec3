#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "actors/common/types.hpp"
#include "bots/data/bar.hpp"
#include "bots/data/csv_table.hpp"

namespace bourse::bots {

/// One observation of a price path: price in cents at time ns UTC.
struct price_point {
  timestamp_ns time = 0;
  cents price = 0;
  friend bool operator==(const price_point&, const price_point&) = default;
};

/// A price path in time order (e.g. the historical fundamental of a game instrument). Reads are a step
/// function: the value at t is the last point at or before t, never a later one (no look-ahead).
class price_path {
public:
  price_path() = default;
  /// `points` must be sorted by strictly increasing time.
  explicit price_path(std::vector<price_point> points);
  /// The closes of `bars`, each stamped at its bar's time plus `close_offset` ns.
  static price_path from_closes(const std::vector<bar>& bars, timestamp_ns close_offset);

  /// The path with a point added at every whole day (86,400 s after a point) strictly between two
  /// points, its price on the geometric (log-linear) line between them, rounded to `tick` cents. For
  /// sparse series (monthly closes) whose steps would otherwise jump tens of percent in one game day.
  price_path geometric_daily_fill(cents tick) const;

  /// Price in cents at `t`: the last point with time <= t; 0 before the first point.
  cents at(timestamp_ns t) const noexcept;
  const std::vector<price_point>& points() const noexcept { return points_; }

private:
  std::vector<price_point> points_;
};

/// Per-symbol paths plus refused rows of a symbol,date,price CSV (vega-datasets stocks.csv).
struct price_series_load_result {
  std::map<std::string, price_path, std::less<>> series;
  std::vector<row_error> errors;
  bool ok() const noexcept { return errors.empty(); }
};

/// Parses CSV with columns symbol,date,price; dates ISO or "Jan 1 2000"; each symbol's dates must
/// increase strictly; prices become cents.
price_series_load_result parse_price_series_csv(std::string_view text);

/// Reads and parses a file with parse_price_series_csv.
price_series_load_result load_price_series_csv(const std::string& path);

} // namespace bourse::bots
