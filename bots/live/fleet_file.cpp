#include "bots/live/fleet_file.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <toml++/toml.h>

#include "bots/strategy/strategy_factory.hpp"

namespace bourse::bots {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::invalid_argument("fleet: " + what);
}

std::int64_t integer(const toml::table& t, std::string_view key, std::int64_t fallback,
                     const std::string& where) {
  const auto* node = t.get(key);
  if (!node)
    return fallback;
  auto value = node->value<std::int64_t>();
  if (!value || *value < 0)
    fail(where + std::string(key) + " must be a non-negative integer");
  return *value;
}

constexpr std::int64_t ns_per_ms = 1'000'000;

risk_limits read_risk(const toml::table* t, const std::string& where) {
  risk_limits r;
  if (!t)
    return r;
  static constexpr std::string_view known[] = {
      "max_position",          "max_order_qty",         "max_loss",       "max_losing_streak", "cooldown_ms",
      "max_spread_for_market", "max_orders_per_window", "rate_window_ms", "loss_window_ms"};
  for (const auto& [key, node] : *t)
    if (std::find(std::begin(known), std::end(known), key.str()) == std::end(known))
      fail(where + "unknown risk key " + std::string(key.str()));
  r.max_position = integer(*t, "max_position", r.max_position, where);
  r.max_order_qty = integer(*t, "max_order_qty", r.max_order_qty, where);
  r.max_loss = integer(*t, "max_loss", r.max_loss, where);
  r.loss_window_ns = integer(*t, "loss_window_ms", 0, where) * ns_per_ms;
  r.max_losing_streak = static_cast<std::size_t>(integer(*t, "max_losing_streak", 0, where));
  r.cooldown_ns = integer(*t, "cooldown_ms", 0, where) * ns_per_ms;
  r.max_spread_for_market = integer(*t, "max_spread_for_market", r.max_spread_for_market, where);
  r.max_orders_per_window = static_cast<std::size_t>(integer(*t, "max_orders_per_window", 0, where));
  r.rate_window_ns = integer(*t, "rate_window_ms", r.rate_window_ns / ns_per_ms, where) * ns_per_ms;
  return r;
}

param_map read_params(const toml::table* t, const std::string& where) {
  param_map params;
  if (!t)
    return params;
  for (const auto& [key, node] : *t) {
    auto value = node.value<double>();
    if (!value)
      fail(where + "params." + std::string(key.str()) + " must be a number");
    params.emplace(std::string(key.str()), *value);
  }
  return params;
}

/// Each listed symbol's fundamental on the market's clock, shared by the bots of that symbol.
using fundamentals = std::map<std::string, fundamental_source, std::less<>>;

fundamentals fundamentals_of(const market_catalog& market) {
  fundamentals out;
  for (const auto& listed : market.instruments)
    out.emplace(listed.rules.symbol,
                fundamental_source{std::make_shared<const price_path>(listed.fundamental), market.clock});
  return out;
}

void read_group(const toml::table& group, std::size_t index, cents starting_cash, const fundamentals& listed,
                fleet& out) {
  const std::string where = "bots[" + std::to_string(index) + "].";
  auto strategy = group["strategy"].value<std::string>();
  if (!strategy)
    fail(where + "strategy is required");
  const auto* symbols = group["symbols"].as_array();
  if (!symbols || symbols->empty())
    fail(where + "symbols must be a non-empty array of strings");
  const auto count = integer(group, "count", 1, where);
  const auto prefix = group["name"].value_or(*strategy);
  const auto params = read_params(group["params"].as_table(), where);
  const auto risk = read_risk(group["risk"].as_table(), where);
  const bool seeded = strategy_takes_seed(*strategy);
  const auto base_seed = params.contains("seed") ? params.at("seed") : 1.0;
  for (const auto& node : *symbols) {
    auto symbol = node.value<std::string>();
    if (!symbol || symbol->empty())
      fail(where + "symbols must be a non-empty array of strings");
    const auto fundamental = listed.find(*symbol);
    if (fundamental == listed.end())
      fail(where + "symbol " + *symbol + " is not listed in the market file");
    try {
      make_strategy(*strategy, params, fundamental->second);
    } catch (const std::invalid_argument& e) {
      fail(where + e.what());
    }
    for (std::int64_t i = 1; i <= count; ++i) {
      auto bot_params = params;
      if (seeded)
        bot_params["seed"] = base_seed + static_cast<double>(out.bots.size());
      out.bots.push_back(bot_spec{prefix + "-" + *symbol + "-" + std::to_string(i), *strategy,
                                  std::move(bot_params), *symbol, risk, starting_cash, fundamental->second});
    }
  }
}

} // namespace

fleet parse_fleet(std::string_view toml_text, const market_catalog& market) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << e.source().begin;
    fail(std::string(e.description()) + " at " + where.str());
  }
  fleet out;
  out.webhook_url = root["webhook_url"].value_or(std::string{});
  out.status_interval = std::chrono::milliseconds(integer(root, "status_interval_ms", 1'000, ""));
  out.bar_interval_s = integer(root, "bar_interval_s", out.bar_interval_s, "");
  const cents starting_cash = integer(root, "starting_cash", 10'000'000, "");
  const auto* groups = root["bots"].as_array();
  if (!groups || groups->empty())
    fail("at least one [[bots]] table is required");
  const auto listed = fundamentals_of(market);
  std::size_t index = 0;
  for (const auto& node : *groups) {
    const auto* group = node.as_table();
    if (!group)
      fail("bots[" + std::to_string(index) + "] must be a table");
    read_group(*group, index++, starting_cash, listed, out);
  }
  return out;
}

fleet load_fleet(const std::string& path, const market_catalog& market) {
  std::ifstream in{path};
  if (!in)
    fail("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_fleet(text.str(), market);
}

} // namespace bourse::bots
