#include "config/candle_retention_rules.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>
#include <utility>

#include "config/settings_loader.hpp"

namespace bourse::config {
namespace {

constexpr std::array<std::pair<std::string_view, std::int64_t>, 6> interval_names{
    {{"1s", 1}, {"1m", 60}, {"5m", 300}, {"15m", 900}, {"1h", 3'600}, {"1d", 86'400}}};

[[noreturn]] void bad(const std::string& rule, std::string_view problem) {
  throw config_error("settings: database.candle_retention: \"" + rule + "\": " + std::string(problem));
}

} // namespace

std::map<std::int64_t, std::int64_t> candle_retention_days(const std::vector<std::string>& rules) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& rule : rules) {
    const std::string_view text{rule};
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || !text.ends_with('d'))
      bad(rule, "expected INTERVAL=DAYSd, e.g. 1s=2d");
    const auto name = text.substr(0, eq);
    const auto interval = std::find_if(interval_names.begin(), interval_names.end(),
                                       [&](const auto& known) { return known.first == name; });
    if (interval == interval_names.end())
      bad(rule, "interval must be one of 1s, 1m, 5m, 15m, 1h, 1d");
    const auto digits = text.substr(eq + 1, text.size() - eq - 2);
    std::int64_t days = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), days);
    if (ec != std::errc{} || end != digits.data() + digits.size() || days < 1 || days > 36'500)
      bad(rule, "days must be 1..36500");
    if (!out.emplace(interval->second, days).second)
      bad(rule, "interval given twice");
  }
  return out;
}

} // namespace bourse::config
