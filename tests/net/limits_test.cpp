#include "net/limits/rate_limiter.hpp"

#include "net/limits/connection_limiter.hpp"

#include <gtest/gtest.h>

namespace bourse::net {
namespace {

constexpr std::int64_t ms = 1'000'000;

TEST(rate_limiter, allows_the_burst_then_refuses) {
  rate_limiter limiter(10, 3);
  std::int64_t t = 1'000 * ms;
  for (std::int64_t expected_remaining : {2, 1, 0}) {
    auto d = limiter.acquire("ip", t);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.limit, 3);
    EXPECT_EQ(d.remaining, expected_remaining);
  }
  auto refused = limiter.acquire("ip", t);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.remaining, 0);
  EXPECT_EQ(refused.retry_after_ms, 100);
  EXPECT_EQ(refused.reset_ms, 300);
}

TEST(rate_limiter, refills_at_the_rate) {
  rate_limiter limiter(10, 1);
  std::int64_t t = 1'000 * ms;
  EXPECT_TRUE(limiter.acquire("u", t).allowed);
  EXPECT_FALSE(limiter.acquire("u", t + 99 * ms).allowed);
  EXPECT_TRUE(limiter.acquire("u", t + 100 * ms).allowed);
}

TEST(rate_limiter, keys_are_independent) {
  rate_limiter limiter(1, 1);
  EXPECT_TRUE(limiter.acquire("a", 0).allowed);
  EXPECT_FALSE(limiter.acquire("a", 0).allowed);
  EXPECT_TRUE(limiter.acquire("b", 0).allowed);
}

TEST(rate_limiter, full_buckets_are_dropped) {
  rate_limiter limiter(1000, 1);
  for (int i = 0; i < 2000; ++i)
    limiter.acquire("early" + std::to_string(i), 0);
  for (int i = 0; i < 100; ++i)
    limiter.acquire("late" + std::to_string(i), 10'000 * ms);
  EXPECT_EQ(limiter.tracked_keys(), 100U);
}

TEST(rate_limiter, rejects_bad_parameters) {
  EXPECT_THROW(rate_limiter(0, 1), std::invalid_argument);
  EXPECT_THROW(rate_limiter(1, 0), std::invalid_argument);
}

TEST(connection_limiter, counts_per_address_and_releases) {
  auto limiter = std::make_shared<connection_limiter>(2);
  auto a = limiter->try_acquire("10.0.0.1");
  auto b = limiter->try_acquire("10.0.0.1");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(limiter->try_acquire("10.0.0.1"), nullptr);
  EXPECT_NE(limiter->try_acquire("10.0.0.2"), nullptr);
  a.reset();
  EXPECT_EQ(limiter->count("10.0.0.1"), 1);
  EXPECT_NE(limiter->try_acquire("10.0.0.1"), nullptr);
}

} // namespace
} // namespace bourse::net
