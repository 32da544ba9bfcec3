#include "config/candle_retention_rules.hpp"

#include <gtest/gtest.h>

#include "config/settings_loader.hpp"

namespace bourse::config {
namespace {

using days_by_interval = std::map<std::int64_t, std::int64_t>;

TEST(candle_retention_rules, the_default_keeps_1s_two_days_and_1m_thirty) {
  EXPECT_EQ(candle_retention_days(database_settings{}.candle_retention),
            (days_by_interval{{1, 2}, {60, 30}}));
}

TEST(candle_retention_rules, every_interval_name_parses_and_none_keeps_everything) {
  EXPECT_EQ(candle_retention_days({"1s=1d", "1m=2d", "5m=3d", "15m=4d", "1h=5d", "1d=36500d"}),
            (days_by_interval{{1, 1}, {60, 2}, {300, 3}, {900, 4}, {3'600, 5}, {86'400, 36'500}}));
  EXPECT_TRUE(candle_retention_days({}).empty());
}

TEST(candle_retention_rules, bad_rules_are_config_errors) {
  for (const char* rule : {"1s", "1s=2", "2s=2d", "1s=0d", "1s=36501d", "1s=xd", "1s=2dd", "=2d", "1s=-1d"})
    EXPECT_THROW(candle_retention_days({rule}), config_error) << rule;
  EXPECT_THROW(candle_retention_days({"1s=2d", "1s=3d"}), config_error);
}

} // namespace
} // namespace bourse::config
