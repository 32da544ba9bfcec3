#include "actors/common/reason_code.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace bourse {
namespace {

constexpr reason_code sample_codes[] = {
    reason_code::malformed_request, reason_code::off_tick,      reason_code::insufficient_buying_power,
    reason_code::fok_not_fillable,  reason_code::token_expired, reason_code::busy,
};

TEST(reason_code, wire_form_round_trips) {
  for (auto code : sample_codes) {
    auto parsed = reason_code_from_string(to_string(code));
    ASSERT_TRUE(parsed.has_value()) << to_string(code);
    EXPECT_EQ(*parsed, code);
  }
}

TEST(reason_code, wire_forms_are_stable) {
  EXPECT_EQ(to_string(reason_code::off_tick), "OFF_TICK");
  EXPECT_EQ(to_string(reason_code::post_only_would_cross), "POST_ONLY_WOULD_CROSS");
  EXPECT_EQ(static_cast<int>(reason_code::off_tick), 1007);
}

TEST(reason_code, numbers_follow_their_stage) {
  EXPECT_EQ(static_cast<int>(reason_code::insufficient_shares) / 1000, 2);
  EXPECT_EQ(static_cast<int>(reason_code::self_trade_prevented) / 1000, 3);
  EXPECT_EQ(static_cast<int>(reason_code::forbidden) / 1000, 4);
  EXPECT_EQ(static_cast<int>(reason_code::timeout) / 1000, 5);
}

TEST(reason_code, unknown_text_is_rejected) {
  EXPECT_FALSE(reason_code_from_string("NOT_A_CODE").has_value());
  EXPECT_FALSE(reason_code_from_string("").has_value());
  EXPECT_FALSE(reason_code_from_string("off_tick").has_value());
}

} // namespace
} // namespace bourse
