#include "bots/backtest/market_setup.hpp"

#include <algorithm>
#include <stdexcept>

#include "bots/live/fleet_file.hpp"
#include "bots/market/market_catalog.hpp"
#include "bots/strategy/strategy_factory.hpp"

namespace bourse::bots {

market_scenario load_market_scenario(const market_setup_options& options) {
  auto market = load_market_catalog(options.market_file, options.root);
  market.clock.started_at = options.start;
  const auto listed =
      std::find_if(market.instruments.begin(), market.instruments.end(),
                   [&](const listed_instrument& i) { return i.rules.symbol == options.symbol; });
  if (listed == market.instruments.end())
    throw std::invalid_argument("symbol " + options.symbol + " is not listed in " +
                                options.market_file.string());
  const auto fleet = load_fleet(options.fleet_file, market);
  market_scenario out;
  out.config.rules = listed->rules;
  out.config.clock = market.clock;
  out.config.start = options.start;
  out.config.duration = options.duration;
  out.config.latency = options.latency;
  out.config.bar_interval_s = fleet.bar_interval_s;
  const double seed_shift = static_cast<double>(options.seed - 1) * static_cast<double>(fleet.bots.size());
  for (const auto& spec : fleet.bots) {
    if (spec.symbol != options.symbol)
      continue;
    auto params = spec.params;
    if (strategy_takes_seed(spec.strategy))
      params["seed"] += seed_shift;
    out.bots.push_back(sim_bot{spec.name, make_strategy(spec.strategy, params, spec.fundamental), spec.risk,
                               spec.starting_cash, spec.fundamental});
  }
  if (out.bots.empty())
    throw std::invalid_argument("fleet " + options.fleet_file + " has no bots on " + options.symbol);
  return out;
}

} // namespace bourse::bots
