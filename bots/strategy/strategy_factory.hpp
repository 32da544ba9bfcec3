#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bots/data/price_path.hpp"
#include "bots/strategy/strategy.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// Names accepted by make_strategy: market_maker, value, momentum, mean_reversion, noise, whale.
std::vector<std::string> strategy_names();

/// Builds a strategy by name from parameters (see each *_params::from for the names). `fundamental` is
/// the path the value trader trades toward (others ignore it). Throws std::invalid_argument for an
/// unknown strategy, an unknown parameter name or an invalid set of values.
std::unique_ptr<strategy> make_strategy(std::string_view name, const param_map& params,
                                        std::shared_ptr<const price_path> fundamental = nullptr);

} // namespace bourse::bots
