#include "bots/market/market_catalog.hpp"

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "bots/data/date_parse.hpp"
#include "bots/data/ohlcv_loader.hpp"

namespace bourse::bots {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, std::string_view key, std::string_view problem) {
  throw catalog_error(file.string() + ": " + std::string(key) + ": " + std::string(problem));
}

struct reader {
  const std::filesystem::path& file;
  const toml::table& table;
  std::string prefix;

  std::string key(std::string_view name) const { return prefix + std::string(name); }

  std::int64_t integer(std::string_view name, std::int64_t fallback, std::int64_t min_value) const {
    const auto* node = table.get(name);
    if (node == nullptr)
      return fallback;
    auto value = node->value<std::int64_t>();
    if (!node->is_integer() || !value)
      fail(file, key(name), "expected an integer");
    if (*value < min_value)
      fail(file, key(name), "must be at least " + std::to_string(min_value));
    return *value;
  }

  std::string text(std::string_view name, std::string fallback) const {
    const auto* node = table.get(name);
    if (node == nullptr)
      return fallback;
    if (!node->is_string())
      fail(file, key(name), "expected a string");
    return *node->value<std::string>();
  }

  bool boolean(std::string_view name, bool fallback) const {
    const auto* node = table.get(name);
    if (node == nullptr)
      return fallback;
    if (!node->is_boolean())
      fail(file, key(name), "expected true or false");
    return *node->value<bool>();
  }
};

instrument_type parse_type(const reader& in) {
  if (const auto type = instrument_type_from_string(in.text("type", "STOCK")))
    return *type;
  fail(in.file, in.key("type"), "expected STOCK, BOND or FOREX");
}

price_path scaled(const std::vector<price_point>& points, std::int64_t scale) {
  std::vector<price_point> out;
  out.reserve(points.size());
  for (const auto& point : points)
    out.push_back({point.time, point.price * scale});
  return price_path(std::move(out));
}

price_path read_series(const reader& sin, const reader& in, const std::filesystem::path& root) {
  const auto path = root / sin.text("file", "");
  const auto format = sin.text("format", "ohlcv");
  const auto scale = sin.integer("scale", 1, 1);
  if (format == "ohlcv") {
    auto loaded = load_ohlcv_csv(path.string());
    if (!loaded.ok() || loaded.bars.empty())
      fail(in.file, sin.key("file"), "cannot load OHLCV series " + path.string());
    return scaled(price_path::from_closes(loaded.bars, 0).points(), scale);
  }
  if (format == "stocks") {
    const auto column = sin.text("column", "");
    auto loaded = load_price_series_csv(path.string());
    auto found = loaded.series.find(column);
    if (!loaded.ok() || found == loaded.series.end())
      fail(in.file, sin.key("column"), "no series '" + column + "' in " + path.string());
    return scaled(found->second.points(), scale);
  }
  fail(in.file, sin.key("format"), "expected ohlcv or stocks");
}

price_path load_series(const reader& in, const toml::table& series, const std::filesystem::path& root,
                       cents tick) {
  const reader sin{in.file, series, in.prefix + "series."};
  auto path = read_series(sin, in, root);
  return sin.boolean("daily_fill", false) ? path.geometric_daily_fill(tick) : path;
}

listed_instrument parse_instrument(const reader& in, const std::filesystem::path& root, timestamp_ns start) {
  listed_instrument out;
  auto& rules = out.rules;
  rules.symbol = in.text("symbol", "");
  if (rules.symbol.empty())
    fail(in.file, in.key("symbol"), "is required");
  rules.name = in.text("name", rules.symbol);
  rules.type = parse_type(in);
  rules.sector = in.text("sector", "");
  rules.tick_size = in.integer("tick_size", rules.tick_size, 1);
  rules.lot_size = in.integer("lot_size", rules.lot_size, 1);
  rules.min_quantity = in.integer("min_quantity", rules.min_quantity, 1);
  rules.max_quantity = in.integer("max_quantity", rules.max_quantity, rules.min_quantity);
  rules.price_band_bps = in.integer("price_band_bps", rules.price_band_bps, 1);
  rules.margin_allowed = in.boolean("margin_allowed", rules.margin_allowed);
  rules.initial_margin_bps = in.integer("initial_margin_bps", rules.initial_margin_bps, 1);
  rules.maintenance_margin_bps = in.integer("maintenance_margin_bps", rules.maintenance_margin_bps, 1);
  rules.maker_fee_bps = in.integer("maker_fee_bps", rules.maker_fee_bps, 0);
  rules.taker_fee_bps = in.integer("taker_fee_bps", rules.taker_fee_bps, 0);
  if (const auto* series = in.table.get_as<toml::table>("series")) {
    out.fundamental = load_series(in, *series, root, rules.tick_size);
  } else {
    const auto reference = in.integer("reference_price", 0, 1);
    if (reference == 0)
      fail(in.file, in.key("reference_price"), "is required without a series");
    out.fundamental = price_path({{start, reference}});
  }
  const auto at_start = out.fundamental.at(start);
  const auto reference = at_start > 0 ? at_start : out.fundamental.points().front().price;
  rules.reference_price = reference / rules.tick_size * rules.tick_size;
  if (rules.reference_price <= 0)
    fail(in.file, in.key("reference_price"), "must be at least one tick");
  return out;
}

} // namespace

market_catalog load_market_catalog(const std::filesystem::path& file, const std::filesystem::path& root) {
  toml::table document;
  try {
    document = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    fail(file, "line " + std::to_string(e.source().begin.line), e.description());
  }
  market_catalog out;
  if (const auto* game = document.get_as<toml::table>("game")) {
    const reader in{file, *game, "game."};
    out.clock.seconds_per_day = in.integer("seconds_per_day", out.clock.seconds_per_day, 1);
    const auto start = parse_utc_day(in.text("history_start", "2000-01-03"));
    if (!start)
      fail(file, "game.history_start", "expected a date YYYY-MM-DD");
    out.clock.history_start = *start;
  }
  const auto* list = document.get_as<toml::array>("instrument");
  if (list == nullptr || list->empty())
    fail(file, "instrument", "at least one [[instrument]] is required");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto* table = list->get(i)->as_table();
    if (table == nullptr)
      fail(file, "instrument", "expected tables");
    const reader in{file, *table, "instrument[" + std::to_string(i) + "]."};
    out.instruments.push_back(parse_instrument(in, root, out.clock.history_start));
    for (std::size_t j = 0; j + 1 < out.instruments.size(); ++j)
      if (out.instruments[j].rules.symbol == out.instruments.back().rules.symbol)
        fail(file, in.key("symbol"), "duplicate symbol " + out.instruments.back().rules.symbol);
  }
  return out;
}

} // namespace bourse::bots
