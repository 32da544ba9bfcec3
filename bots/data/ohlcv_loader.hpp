#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bots/data/bar.hpp"
#include "bots/data/csv_table.hpp"

namespace bourse::bots {

/// Bars that loaded plus every refused row; a refused row is left out of `bars`.
struct ohlcv_load_result {
  std::vector<bar> bars;
  std::vector<row_error> errors;
  bool ok() const noexcept { return errors.empty(); }
};

/// Parses daily OHLCV CSV with a header naming at least date,open,high,low,close,volume (any order,
/// extra columns such as adjclose ignored). Prices become cents (rounded half away from zero),
/// `bar::time` is midnight UTC of the date. Rows must be in strictly increasing date order.
ohlcv_load_result parse_ohlcv_csv(std::string_view text);

/// Reads and parses a file with parse_ohlcv_csv; an unreadable file gives one unreadable_file error.
ohlcv_load_result load_ohlcv_csv(const std::string& path);

} // namespace bourse::bots
