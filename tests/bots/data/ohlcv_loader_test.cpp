#include "bots/data/ohlcv_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "bots/data/date_parse.hpp"

namespace bourse::bots {
namespace {

constexpr timestamp_ns day_2000_01_03 = 10'959LL * ns_per_day;

TEST(ohlcv_loader, parses_rows_into_cents_and_utc_days) {
  const auto result =
      parse_ohlcv_csv("date,open,high,low,close,adjclose,volume\r\n"
                      "2000-01-03,1469.250000,1478.000000,1438.359985,1455.219971,1455.2,931800000\r\n"
                      "2000-01-04,1455.22,1455.22,1397.43,1399.42,1399.42,1009000000\r\n");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.bars.size(), 2u);
  EXPECT_EQ(result.bars[0], (bar{day_2000_01_03, 146925, 147800, 143836, 145522, 931800000}));
  EXPECT_EQ(result.bars[1].time - result.bars[0].time, ns_per_day);
}

TEST(ohlcv_loader, columns_found_by_name_in_any_order) {
  const auto result = parse_ohlcv_csv("volume,close,low,high,open,date\n5,10.5,10,11,10.25,2001-02-03\n");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.bars[0].open, 1025);
  EXPECT_EQ(result.bars[0].close, 1050);
  EXPECT_EQ(result.bars[0].volume, 5);
}

TEST(ohlcv_loader, bad_rows_report_line_number_and_code_and_are_skipped) {
  const auto result = parse_ohlcv_csv("date,open,high,low,close,volume\n"
                                      "2000-01-03,10,11,9,10,100\n"  // line 2 ok
                                      "2000-01-04,10,11,9\n"         // line 3 too few fields
                                      "2000-02-30,10,11,9,10,100\n"  // line 4 impossible date
                                      "2000-01-05,abc,11,9,10,100\n" // line 5 bad price
                                      "2000-01-06,10,11,9,10,-4\n"   // line 6 bad volume
                                      "\n"                           // line 7 blank, skipped
                                      "2000-01-07,10,9,11,10,100\n"  // line 8 high < low
                                      "2000-01-03,10,11,9,10,100\n"  // line 9 out of order
                                      "2000-01-10,0,11,9,10,100\n"   // line 10 zero price
                                      "2000-01-11,10,11,9,10.5,100\n");
  ASSERT_EQ(result.bars.size(), 2u);
  EXPECT_EQ(result.bars[1].close, 1050);
  const std::vector<std::pair<std::size_t, csv_error>> expected{
      {3, csv_error::wrong_field_count}, {4, csv_error::bad_date},         {5, csv_error::bad_price},
      {6, csv_error::bad_volume},        {8, csv_error::inconsistent_bar}, {9, csv_error::out_of_order},
      {10, csv_error::bad_price}};
  ASSERT_EQ(result.errors.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(result.errors[i].row, expected[i].first) << i;
    EXPECT_EQ(result.errors[i].code, expected[i].second) << i;
  }
}

TEST(ohlcv_loader, missing_column_and_unreadable_file) {
  const auto no_volume = parse_ohlcv_csv("date,open,high,low,close\n2000-01-03,1,1,1,1\n");
  ASSERT_EQ(no_volume.errors.size(), 1u);
  EXPECT_EQ(no_volume.errors[0].code, csv_error::missing_column);
  EXPECT_TRUE(no_volume.bars.empty());
  const auto missing = load_ohlcv_csv("/nonexistent/bars.csv");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].code, csv_error::unreadable_file);
}

TEST(date_parse, iso_and_vega_month_forms) {
  EXPECT_EQ(parse_utc_day("2000-01-03"), day_2000_01_03);
  EXPECT_EQ(parse_utc_day("Jan 3 2000"), day_2000_01_03);
  EXPECT_EQ(parse_utc_day("Feb 29 2000"), parse_utc_day("2000-02-29"));
  EXPECT_FALSE(parse_utc_day("Feb 29 2001").has_value());
  EXPECT_FALSE(parse_utc_day("Foo 1 2000").has_value());
  EXPECT_FALSE(parse_utc_day("2000/01/03").has_value());
}

TEST(ohlcv_loader, real_sp500_daily_history) {
  const std::string path = std::string(BOURSE_VEGA_DATA_DIR) + "/sp500-2000.csv";
  if (!std::filesystem::exists(path))
    GTEST_SKIP() << "node_modules/vega-datasets not installed (run npm ci)";
  const auto result = load_ohlcv_csv(path);
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.bars.size(), 5105u);
  EXPECT_EQ(result.bars.front(), (bar{day_2000_01_03, 146925, 147800, 143836, 145522, 931800000}));
  EXPECT_EQ(result.bars.back().time, parse_utc_day("2020-04-17"));
  EXPECT_EQ(result.bars.back().close, 287456); // 2874.560059
}

} // namespace
} // namespace bourse::bots
