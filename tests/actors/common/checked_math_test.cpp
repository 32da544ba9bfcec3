#include "actors/common/checked_math.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace bourse {
namespace {

TEST(checked_math, notional_multiplies_or_reports_overflow) {
  EXPECT_EQ(checked_notional(1'884, 500), 942'000);
  EXPECT_EQ(checked_notional(std::numeric_limits<cents>::max() / 2, 3), std::nullopt);
  EXPECT_EQ(checked_notional(-5, 3), -15);
}

TEST(checked_math, add_reports_overflow) {
  EXPECT_EQ(checked_add(2, 3), 5);
  EXPECT_EQ(checked_add(std::numeric_limits<std::int64_t>::max(), 1), std::nullopt);
}

TEST(checked_math, fees_round_up) {
  EXPECT_EQ(checked_bps_ceil(10'000, 5), 5);
  EXPECT_EQ(checked_bps_ceil(10'001, 5), 6);
  EXPECT_EQ(checked_bps_ceil(0, 5), 0);
  EXPECT_EQ(checked_bps_ceil(std::numeric_limits<cents>::max(), 2), std::nullopt);
}

} // namespace
} // namespace bourse
