#include "bots/data/ohlcv_loader.hpp"

#include <array>
#include <optional>

#include "bots/data/date_parse.hpp"
#include "bots/data/decimal.hpp"

namespace bourse::bots {
namespace {

constexpr std::array<std::string_view, 6> required_columns{"date", "open", "high", "low", "close", "volume"};

std::string quoted(std::string_view field) {
  std::string text(1, '\'');
  text.append(field);
  text.push_back('\'');
  return text;
}

/// Parses one row into `out`, or returns why it cannot.
std::optional<row_error> parse_row(const csv_table::row& row, const std::array<std::size_t, 6>& col,
                                   std::size_t field_count, bar& out) {
  const auto fail = [&](csv_error code, std::string detail) {
    return std::optional<row_error>{row_error{row.line, code, std::move(detail)}};
  };
  if (row.fields.size() != field_count)
    return fail(csv_error::wrong_field_count, "expected " + std::to_string(field_count) + " fields, got " +
                                                  std::to_string(row.fields.size()));
  const auto day = parse_utc_day(row.fields[col[0]]);
  if (!day)
    return fail(csv_error::bad_date, "bad date " + quoted(row.fields[col[0]]));
  std::array<cents, 4> prices{};
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const auto field = row.fields[col[i + 1]];
    const auto price = parse_cents(field);
    if (!price || *price <= 0)
      return fail(csv_error::bad_price, std::string(required_columns[i + 1]) + " " + quoted(field));
    prices[i] = *price;
  }
  const auto volume = parse_count(row.fields[col[5]]);
  if (!volume)
    return fail(csv_error::bad_volume, "volume " + quoted(row.fields[col[5]]));
  out = bar{*day, prices[0], prices[1], prices[2], prices[3], *volume};
  if (out.high < out.low || out.open < out.low || out.open > out.high || out.close < out.low ||
      out.close > out.high)
    return fail(csv_error::inconsistent_bar, "open/close outside [low, high]");
  return std::nullopt;
}

} // namespace

ohlcv_load_result parse_ohlcv_csv(std::string_view text) {
  ohlcv_load_result result;
  const csv_table table(text);
  std::array<std::size_t, 6> col{};
  for (std::size_t i = 0; i < required_columns.size(); ++i) {
    const auto index = table.column(required_columns[i]);
    if (!index) {
      result.errors.push_back({1, csv_error::missing_column, "no column " + quoted(required_columns[i])});
      return result;
    }
    col[i] = *index;
  }
  result.bars.reserve(table.rows().size());
  for (const auto& row : table.rows()) {
    bar parsed;
    if (auto error = parse_row(row, col, table.header().size(), parsed)) {
      result.errors.push_back(std::move(*error));
      continue;
    }
    if (!result.bars.empty() && parsed.time <= result.bars.back().time) {
      result.errors.push_back({row.line, csv_error::out_of_order, "date not after the previous row"});
      continue;
    }
    result.bars.push_back(parsed);
  }
  return result;
}

ohlcv_load_result load_ohlcv_csv(const std::string& path) {
  const auto text = read_text_file(path);
  if (!text)
    return {{}, {{0, csv_error::unreadable_file, "cannot read " + path}}};
  return parse_ohlcv_csv(*text);
}

} // namespace bourse::bots
