#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bourse::config {

/// The rules of `database.candle_retention`, each "INTERVAL=DAYSd" with INTERVAL one of the candle
/// intervals 1s, 1m, 5m, 15m, 1h, 1d and DAYS in 1..36500 (e.g. "1s=2d"), as days by interval in
/// seconds; intervals without a rule are kept forever. Throws config_error naming the bad rule or a
/// repeated interval.
std::map<std::int64_t, std::int64_t> candle_retention_days(const std::vector<std::string>& rules);

} // namespace bourse::config
