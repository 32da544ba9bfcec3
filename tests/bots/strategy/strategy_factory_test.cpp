#include "bots/strategy/strategy_factory.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace bourse::bots {
namespace {

TEST(strategy_factory, builds_every_named_strategy) {
  const auto path = std::make_shared<const price_path>(std::vector<price_point>{{0, 100}});
  for (const auto& name : strategy_names())
    EXPECT_NE(make_strategy(name, {}, path), nullptr) << name;
}

TEST(strategy_factory, refuses_unknown_names_parameters_and_bad_values) {
  EXPECT_THROW(make_strategy("martingale", {}), std::invalid_argument);
  EXPECT_THROW(make_strategy("momentum", {{"fsat", 10}}), std::invalid_argument);
  EXPECT_THROW(make_strategy("momentum", {{"fast", 50}, {"slow", 20}}), std::invalid_argument);
  EXPECT_THROW(make_strategy("value", {}), std::invalid_argument); // no fundamental
  EXPECT_NO_THROW(make_strategy("momentum", {{"fast", 5}, {"slow", 10}}));
}

TEST(strategy_params, parses_name_value) {
  EXPECT_EQ(parse_param("fast=20"), (std::pair<std::string, double>{"fast", 20}));
  EXPECT_EQ(parse_param("gamma=0.05").second, 0.05);
  EXPECT_THROW(parse_param("fast"), std::invalid_argument);
  EXPECT_THROW(parse_param("fast=x"), std::invalid_argument);
  EXPECT_THROW(parse_param("=3"), std::invalid_argument);
}

} // namespace
} // namespace bourse::bots
