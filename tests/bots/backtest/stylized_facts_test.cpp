#include "bots/backtest/stylized_facts.hpp"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace bourse::bots {
namespace {

constexpr timestamp_ns minute = 60'000'000'000;

TEST(stylized_facts, kurtosis_of_known_distributions) {
  EXPECT_NEAR(excess_kurtosis(std::vector<double>{-1, 1, -1, 1, -1, 1}), -2.0, 1e-12); // two-point
  std::mt19937_64 rng(1);
  std::normal_distribution<double> normal;
  std::student_t_distribution<double> t5(5); // excess kurtosis 6 / (5 - 4) = 6
  std::vector<double> n(200'000), t(200'000);
  for (std::size_t i = 0; i < n.size(); ++i) {
    n[i] = normal(rng);
    t[i] = t5(rng);
  }
  EXPECT_NEAR(excess_kurtosis(n), 0.0, 0.1);
  EXPECT_GT(excess_kurtosis(t), 3.0);
}

TEST(stylized_facts, autocorrelation_of_known_series) {
  EXPECT_NEAR(autocorrelation(std::vector<double>{1, -1, 1, -1, 1, -1, 1, -1}, 1), -7.0 / 8.0, 1e-12);
  std::vector<double> ar(100'000); // AR(1) with phi = 0.5: rho(k) = 0.5^k
  std::mt19937_64 rng(2);
  std::normal_distribution<double> e;
  for (std::size_t i = 1; i < ar.size(); ++i)
    ar[i] = 0.5 * ar[i - 1] + e(rng);
  EXPECT_NEAR(autocorrelation(ar, 1), 0.5, 0.02);
  EXPECT_NEAR(autocorrelation(ar, 2), 0.25, 0.02);
  EXPECT_EQ(autocorrelation(ar, ar.size()), 0.0);
}

TEST(stylized_facts, garch_like_volatility_regimes_show_abs_return_clustering) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> e;
  std::vector<double> r;
  for (int block = 0; block < 200; ++block) // calm and stormy blocks of 50 returns
    for (int i = 0; i < 50; ++i)
      r.push_back((block % 2 == 0 ? 0.001 : 0.01) * e(rng));
  const auto f = measure_facts(r);
  EXPECT_EQ(f.returns, 10'000u);
  EXPECT_GT(f.abs_return_ac[2], 0.2); // lag 10
  EXPECT_NEAR(f.return_ac1, 0.0, 0.05);
  EXPECT_GT(f.excess_kurtosis, 2.5); // a 50/50 mixture of sigma 1 and 10: 3·(1+10⁴)/2/(101/2)² - 3 ≈ 2.9
}

TEST(stylized_facts, interval_returns_carry_the_last_trade_forward) {
  const std::vector<price_point> trades{
      {0, 100}, {10, 101}, {minute, 110}, {minute + 5, 120}, {3 * minute + 1, 132}};
  const auto r = interval_log_returns(trades, minute);
  // grid 0: 100, 1 min: 110, 2 min: 120, 3 min: 120 (quiet; 132 comes after), 4 min: 132
  ASSERT_EQ(r.size(), 4u);
  EXPECT_NEAR(r[0], std::log(1.1), 1e-12);
  EXPECT_NEAR(r[1], std::log(120.0 / 110.0), 1e-12);
  EXPECT_EQ(r[2], 0.0);
  EXPECT_NEAR(r[3], std::log(1.1), 1e-12);
}

TEST(stylized_facts, book_spread_in_ticks_and_depth) {
  const std::vector<book_sample> books{{0, 100, 104, 10}, {1, 100, 120, 30}, {2, 0, 120, 20}};
  const auto f = measure_books(books, 2);
  EXPECT_EQ(f.two_sided, 2u);
  EXPECT_DOUBLE_EQ(f.mean_spread_ticks, (2.0 + 10.0) / 2);
  EXPECT_DOUBLE_EQ(f.share_spread_under_10_ticks, 0.5);
  EXPECT_DOUBLE_EQ(f.mean_depth, 20.0);
}

} // namespace
} // namespace bourse::bots
