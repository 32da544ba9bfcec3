#include "bots/market/market_catalog.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace bourse::bots {
namespace {

const std::filesystem::path repo_root = BOURSE_SOURCE_DIR;

class scratch_file {
public:
  explicit scratch_file(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("bourse-market-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml")) {
    std::ofstream(path_) << text;
  }
  ~scratch_file() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

const listed_instrument& find(const market_catalog& catalog, std::string_view symbol) {
  for (const auto& listed : catalog.instruments)
    if (listed.rules.symbol == symbol)
      return listed;
  throw std::out_of_range(std::string(symbol));
}

TEST(market_catalog, default_market_follows_real_history) {
  if (!std::filesystem::exists(repo_root / "node_modules/vega-datasets/data/sp500-2000.csv"))
    GTEST_SKIP() << "node_modules/vega-datasets is not installed (run scripts/setup)";
  const auto catalog = load_market_catalog(repo_root / "config/market.toml", repo_root);
  ASSERT_EQ(catalog.instruments.size(), 6u);
  const auto& spx = find(catalog, "SPX");
  EXPECT_EQ(spx.rules.reference_price, 145'522); // close of 2000-01-03: 1455.219971
  EXPECT_EQ(spx.fundamental.points().size(), 5'105u);
  EXPECT_EQ(find(catalog, "MSFT").rules.reference_price, 3'958); // Jan 3 2000 on the daily fill
  // The monthly series is filled day by day (daily_fill): 3,713 days from Jan 1 2000 to Mar 1 2010.
  const auto& msft = find(catalog, "MSFT").fundamental;
  EXPECT_EQ(msft.points().size(), 3'713u);
  EXPECT_EQ(msft.at(msft.points()[1].time), 3'969); // Jan 2: 39.81 × (36.35/39.81)^(1/31)
  EXPECT_EQ(find(catalog, "BRS10Y").rules.type, instrument_type::bond);
  EXPECT_EQ(find(catalog, "BRS10Y").rules.reference_price, 10'000);
  EXPECT_EQ(find(catalog, "USDJPY").rules.taker_fee_bps, 1);
  EXPECT_EQ(catalog.clock.seconds_per_day, 30);
}

TEST(market_catalog, constant_fundamental_without_series) {
  scratch_file file(R"([[instrument]]
symbol = "GOLD"
reference_price = 200005
tick_size = 5
)");
  const auto catalog = load_market_catalog(file.path(), repo_root);
  ASSERT_EQ(catalog.instruments.size(), 1u);
  EXPECT_EQ(catalog.instruments[0].rules.reference_price, 200'005);
  EXPECT_EQ(catalog.instruments[0].fundamental.at(catalog.clock.history_start + 1), 200'005);
}

TEST(market_catalog, reference_price_is_rounded_down_to_the_tick) {
  scratch_file file("[[instrument]]\nsymbol = \"X\"\nreference_price = 1003\ntick_size = 5\n");
  EXPECT_EQ(load_market_catalog(file.path(), repo_root).instruments[0].rules.reference_price, 1'000);
}

TEST(market_catalog, bad_files_are_refused_with_the_key) {
  const std::pair<const char*, const char*> cases[] = {
      {"[[instrument]]\nname = \"no symbol\"\nreference_price = 5\n", "symbol"},
      {"[[instrument]]\nsymbol = \"A\"\ntype = \"CRYPTO\"\nreference_price = 5\n", "type"},
      {"[[instrument]]\nsymbol = \"A\"\n", "reference_price"},
      {"[[instrument]]\nsymbol = \"A\"\nreference_price = 5\ntick_size = 0\n", "tick_size"},
      {"[[instrument]]\nsymbol = \"A\"\nreference_price = \"5\"\n", "reference_price"},
      {"[[instrument]]\nsymbol = \"A\"\nreference_price = 5\n[[instrument]]\nsymbol = \"A\"\nreference_price "
       "= 6\n",
       "symbol"},
      {"[[instrument]]\nsymbol = \"A\"\nseries = { file = \"missing.csv\", format = \"ohlcv\" }\n", "file"},
      {"[[instrument]]\nsymbol = \"A\"\nseries = { file = \"x.csv\", format = \"xml\" }\n", "format"},
      {"[game]\nhistory_start = \"yesterday\"\n[[instrument]]\nsymbol = \"A\"\nreference_price = 5\n",
       "history_start"},
      {"[game]\n", "instrument"},
      {"[[instrument]\n", "line"},
  };
  for (const auto& [text, key] : cases) {
    scratch_file file(text);
    try {
      load_market_catalog(file.path(), repo_root);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const catalog_error& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  }
}

TEST(game_clock, maps_wall_time_to_history) {
  const game_clock clock{.history_start = 1'000, .seconds_per_day = 30, .started_at = 5'000};
  EXPECT_EQ(clock.history_at(0), 1'000);
  EXPECT_EQ(clock.history_at(5'000), 1'000);
  EXPECT_EQ(clock.history_at(5'000 + 30'000'000'000), 1'000 + 86'400'000'000'000);
  EXPECT_EQ(clock.history_at(5'000 + 15'000'000'000), 1'000 + 43'200'000'000'000);
}

} // namespace
} // namespace bourse::bots
