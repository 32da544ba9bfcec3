#include "bots/live/fleet_file.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace bourse::bots {
namespace {

TEST(fleet_file, expands_counts_and_symbols_into_named_bots) {
  const auto f = parse_fleet(R"(
status_interval_ms = 250
[[bots]]
strategy = "market_maker"
name = "mm"
count = 2
symbols = ["SPX", "MSFT"]
params = { gamma = 0.02, qty = 50 }
risk = { max_position = 1000, max_loss = 500000, cooldown_ms = 2000 }
)");
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
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"oracle\"\nsymbols = [\"SPX\"]\n"), std::invalid_argument);
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"noise\"\nsymbols = [\"SPX\"]\nparams = { nope = 1 }\n"),
               std::invalid_argument);
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"noise\"\nsymbols = [\"SPX\"]\nrisk = { max_pos = 1 }\n"),
               std::invalid_argument);
  EXPECT_THROW(parse_fleet("[[bots]]\nstrategy = \"noise\"\n"), std::invalid_argument);
  EXPECT_THROW(parse_fleet("bots = ["), std::invalid_argument);
}

TEST(fleet_file, the_default_fleet_parses) {
  EXPECT_FALSE(load_fleet(BOURSE_DEFAULT_FLEET).bots.empty());
}

} // namespace
} // namespace bourse::bots
