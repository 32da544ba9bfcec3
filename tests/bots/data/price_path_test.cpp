#include "bots/data/price_path.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "bots/data/date_parse.hpp"

namespace bourse::bots {
namespace {

TEST(price_path, step_function_never_reads_ahead) {
  const price_path path({{100, 1000}, {200, 1100}, {300, 900}});
  EXPECT_EQ(path.at(99), 0);
  EXPECT_EQ(path.at(100), 1000);
  EXPECT_EQ(path.at(199), 1000);
  EXPECT_EQ(path.at(200), 1100);
  EXPECT_EQ(path.at(1'000), 900);
}

TEST(price_path, geometric_daily_fill_adds_a_point_per_day_on_the_log_line) {
  constexpr timestamp_ns day = 86'400'000'000'000;
  const price_path monthly({{0, 1000}, {4 * day, 1600}, {5 * day, 800}});
  const auto daily = monthly.geometric_daily_fill(1);
  // 1000 × 1.6^(d/4): 1125 (1124.68), 1265 (1264.91), 1423 (1422.64); nothing between day 4 and 5.
  const std::vector<price_point> expected{{0, 1000},       {day, 1125},     {2 * day, 1265},
                                          {3 * day, 1423}, {4 * day, 1600}, {5 * day, 800}};
  EXPECT_EQ(daily.points(), expected);
  EXPECT_EQ(monthly.geometric_daily_fill(10).points()[1].price, 1120); // rounded to the tick
  EXPECT_EQ(daily.at(3 * day - 1), 1265);                              // still a step function
}

TEST(price_series, parses_symbols_and_month_dates_with_bad_rows) {
  const auto result = parse_price_series_csv("symbol,date,price\n"
                                             "MSFT,Jan 1 2000,39.81\n"
                                             "MSFT,Feb 1 2000,36.35\n"
                                             "IBM,Jan 1 2000,100.52\n"
                                             "IBM,Jan 1 2000,101\n"   // line 5: same date again
                                             "IBM,Febr 1 2000,1\n"    // line 6: bad date
                                             "IBM,Mar 1 2000,n/a\n"); // line 7: bad price
  ASSERT_EQ(result.series.size(), 2u);
  EXPECT_EQ(result.series.at("MSFT").points().size(), 2u);
  EXPECT_EQ(result.series.at("MSFT").at(*parse_utc_day("2000-01-15")), 3981);
  EXPECT_EQ(result.series.at("IBM").points().size(), 1u);
  ASSERT_EQ(result.errors.size(), 3u);
  EXPECT_EQ(result.errors[0].row, 5u);
  EXPECT_EQ(result.errors[0].code, csv_error::out_of_order);
  EXPECT_EQ(result.errors[1].code, csv_error::bad_date);
  EXPECT_EQ(result.errors[2].code, csv_error::bad_price);
}

TEST(price_series, real_vega_stocks_monthly) {
  const std::string path = std::string(BOURSE_VEGA_DATA_DIR) + "/stocks.csv";
  if (!std::filesystem::exists(path))
    GTEST_SKIP() << "node_modules/vega-datasets not installed (run npm ci)";
  const auto result = load_price_series_csv(path);
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.series.size(), 5u);
  std::size_t rows = 0;
  for (const auto& [symbol, path_of] : result.series)
    rows += path_of.points().size();
  EXPECT_EQ(rows, 560u);
  EXPECT_EQ(result.series.at("MSFT").points().front(), (price_point{*parse_utc_day("2000-01-01"), 3981}));
}

} // namespace
} // namespace bourse::bots
