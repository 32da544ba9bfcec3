#include "bots/data/decimal.hpp"

#include <gtest/gtest.h>

namespace bourse::bots {
namespace {

TEST(parse_cents, whole_and_fraction) {
  EXPECT_EQ(parse_cents("39"), 3900);
  EXPECT_EQ(parse_cents("39.81"), 3981);
  EXPECT_EQ(parse_cents("39.8"), 3980);
  EXPECT_EQ(parse_cents(".5"), 50);
  EXPECT_EQ(parse_cents("7."), 700);
}

TEST(parse_cents, rounds_half_away_from_zero_without_floating_point) {
  EXPECT_EQ(parse_cents("1455.219971"), 145522);
  EXPECT_EQ(parse_cents("1469.250000"), 146925);
  EXPECT_EQ(parse_cents("0.004999"), 0);
  EXPECT_EQ(parse_cents("0.005"), 1);
  EXPECT_EQ(parse_cents("-0.005"), -1);
  EXPECT_EQ(parse_cents("2.675"), 268); // a double would give 2.67499999...
}

TEST(parse_cents, refuses_bad_text_and_overflow) {
  for (const char* bad : {"", "-", ".", "1e3", "12a", "1.2.3", " 1", "1,5", "+-1"})
    EXPECT_FALSE(parse_cents(bad).has_value()) << bad;
  EXPECT_FALSE(parse_cents("92233720368547758.08").has_value());
  EXPECT_EQ(parse_cents("92233720368547758.07"), INT64_MAX);
}

TEST(parse_count, non_negative_integers_only) {
  EXPECT_EQ(parse_count("931800000"), 931800000);
  EXPECT_FALSE(parse_count("-1").has_value());
  EXPECT_FALSE(parse_count("1.5").has_value());
  EXPECT_FALSE(parse_count("").has_value());
}

} // namespace
} // namespace bourse::bots
