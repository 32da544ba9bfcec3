#include "bots/strategy/strategy_factory.hpp"

#include <stdexcept>

#include "bots/strategy/market_maker.hpp"
#include "bots/strategy/mean_reversion.hpp"
#include "bots/strategy/momentum.hpp"
#include "bots/strategy/noise_trader.hpp"
#include "bots/strategy/value_trader.hpp"
#include "bots/strategy/whale.hpp"

namespace bourse::bots {
namespace {

std::unique_ptr<strategy> build(std::string_view name, param_reader& reader, fundamental_source fundamental) {
  if (name == "market_maker")
    return std::make_unique<market_maker_strategy>(market_maker_params::from(reader));
  if (name == "value")
    return std::make_unique<value_trader_strategy>(value_trader_params::from(reader), std::move(fundamental));
  if (name == "momentum")
    return std::make_unique<momentum_strategy>(momentum_params::from(reader));
  if (name == "mean_reversion")
    return std::make_unique<mean_reversion_strategy>(mean_reversion_params::from(reader));
  if (name == "noise")
    return std::make_unique<noise_trader_strategy>(noise_trader_params::from(reader));
  if (name == "whale")
    return std::make_unique<whale_strategy>(whale_params::from(reader));
  throw std::invalid_argument("unknown strategy: " + std::string(name));
}

} // namespace

std::vector<std::string> strategy_names() {
  return {"market_maker", "value", "momentum", "mean_reversion", "noise", "whale"};
}

bool strategy_takes_seed(std::string_view name) {
  return name == "value" || name == "noise" || name == "whale";
}

std::unique_ptr<strategy> make_strategy(std::string_view name, const param_map& params,
                                        fundamental_source fundamental) {
  param_reader reader(params);
  auto built = build(name, reader, std::move(fundamental));
  if (const auto unused = reader.unused(); !unused.empty())
    throw std::invalid_argument("unknown parameter for " + std::string(name) + ": " + unused.front());
  return built;
}

} // namespace bourse::bots
