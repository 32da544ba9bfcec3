#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bots/strategy/fundamental_source.hpp"
#include "bots/strategy/strategy.hpp"
#include "bots/strategy/strategy_params.hpp"

namespace bourse::bots {

/// Names accepted by make_strategy: market_maker, value, momentum, mean_reversion, noise, whale.
std::vector<std::string> strategy_names();

/// Whether strategy `name` reads a `seed` parameter (its random choices repeat for equal seeds).
bool strategy_takes_seed(std::string_view name);

/// Builds a strategy by name from parameters (see each *_params::from for the names). `fundamental` is
/// the path (and clock) the value trader trades toward (others ignore it). Throws std::invalid_argument for
/// an unknown strategy, an unknown parameter name or an invalid set of values.
std::unique_ptr<strategy> make_strategy(std::string_view name, const param_map& params,
                                        fundamental_source fundamental = {});

} // namespace bourse::bots
