#include "bots/live/fleet_file.hpp"

#include <algorithm>
#include <stdexcept>

#include <gtest/gtest.h>

namespace bourse::bots {
namespace {

constexpr timestamp_ns day = 86'400'000'000'000;

/// SPX and MSFT with two-point paths on a 10-second-per-day clock started at t = 1,000 s.
market_catalog two_symbols() {
  market_catalog m;
  m.clock = game_clock{0, 10, 1'000'000'000'000};
  for (const char* symbol : {"SPX", "MSFT"}) {
    listed_instrument listed;
    listed.rules.symbol = symbol;
    listed.fundamental = price_path({{0, 10'000}, {2 * day, 12'000}});
    m.instruments.push_back(std::move(listed));
  }
  return m;
}

TEST(fleet_file, expands_counts_and_symbols_into_named_bots) {
  const auto f = parse_fleet(
      R"(
status_interval_ms = 250
[[bots]]
strategy = "market_maker"
name = "mm"
count = 2
symbols = ["SPX", "MSFT"]
params = { gamma = 0.02, qty = 50 }
risk = { max_position = 1000, max_loss = 500000, cooldown_ms = 2000 }
)",
      two_symbols());
  ASSERT_EQ(f.bots.size(), 4u);
  EXPECT_EQ(f.bots[0].name, "mm-SPX-1");
  EXPECT_EQ(f.bots[3].name, "mm-MSFT-2");
  EXPECT_EQ(f.bots[3].symbol, "MSFT");
  EXPECT_EQ(f.bots[0].params.at("qty"), 50);
  EXPECT_EQ(f.bots[0].risk.max_position, 1'000);
  EXPECT_EQ(f.bots[0].risk.cooldown_ns, 2'000'000'000);
  EXPECT_EQ(f.status_interval, std::chrono::milliseconds(250));
}

TEST(fleet_file, rejects_unknown_strategies_parameters_and_keys) {
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"oracle\"\nsymbols = [\"SPX\"]\n", two_symbols()),
               std::invalid_argument);
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"noise\"\nsymbols = [\"SPX\"]\nparams = { nope = 1 }\n",
                           two_symbols()),
               std::invalid_argument);
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"noise\"\nsymbols = [\"SPX\"]\nrisk = { max_pos = 1 }\n",
                           two_symbols()),
               std::invalid_argument);
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"noise\"\n", two_symbols()), std::invalid_argument);
  EXPECT_THROW(parse_fleet("bots = [", two_symbols()), std::invalid_argument);
}

TEST(fleet_file, value_traders_get_their_symbols_fundamental_on_the_game_clock) {
  const auto f = parse_fleet("[[bots]]\nstrategy = \"value\"\ncount = 2\nsymbols = [\"SPX\", \"MSFT\"]\n",
                             two_symbols());
  ASSERT_EQ(f.bots.size(), 4u);
  const auto& fundamental = f.bots[2].fundamental;
  ASSERT_TRUE(fundamental);
  EXPECT_EQ(fundamental.at(1'000'000'000'000), 10'000);
  EXPECT_EQ(fundamental.at(1'019'000'000'000), 10'000); // 1.9 historical days after the start
  EXPECT_EQ(fundamental.at(1'020'000'000'000), 12'000); // 20 s of game = 2 days of history
}

TEST(fleet_file, seeded_bots_get_distinct_seeds_from_the_group_seed) {
  const auto f =
      parse_fleet("[[bots]]\nstrategy = \"noise\"\ncount = 2\nsymbols = [\"SPX\"]\nparams = { seed = 7 }\n"
                  "[[bots]]\nstrategy = \"market_maker\"\nsymbols = [\"SPX\"]\n",
                  two_symbols());
  ASSERT_EQ(f.bots.size(), 3u);
  EXPECT_EQ(f.bots[0].params.at("seed"), 7);
  EXPECT_EQ(f.bots[1].params.at("seed"), 8);
  EXPECT_FALSE(f.bots[2].params.contains("seed")); // the market maker takes no seed
}

TEST(fleet_file, rejects_symbols_the_market_does_not_list) {
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"noise\"\nsymbols = [\"TSLA\"]\n", two_symbols()),
               std::invalid_argument);
}

TEST(fleet_file, the_default_fleet_parses_and_covers_every_listed_symbol) {
  const auto market = load_market_catalog(BOURSE_DEFAULT_MARKET, BOURSE_SOURCE_DIR);
  const auto f = load_fleet(BOURSE_DEFAULT_FLEET, market);
  for (const auto& listed : market.instruments) {
    const auto& symbol = listed.rules.symbol;
    for (const char* strategy : {"market_maker", "noise", "value"})
      EXPECT_TRUE(
          std::any_of(f.bots.begin(), f.bots.end(),
                      [&](const bot_spec& b) { return b.symbol == symbol && b.strategy == strategy; }))
          << symbol << " " << strategy;
  }
}

} // namespace
} // namespace bourse::bots
