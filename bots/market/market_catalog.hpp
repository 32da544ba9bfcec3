#pragma once

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "actors/common/instrument.hpp"
#include "bots/data/price_path.hpp"
#include "bots/market/game_clock.hpp"

namespace bourse::bots {

/// An instrument of the game and the real price history it follows (its fundamental), in cents at
/// historical times (ns UTC). Instruments without a series have a one-point path at their reference.
struct listed_instrument {
  instrument rules;
  price_path fundamental;
};

/// The market a node lists: instruments with their reference paths, and the game clock's settings
/// (`started_at` is left 0; the process that runs the clock sets it).
struct market_catalog {
  game_clock clock;
  std::vector<listed_instrument> instruments;
};

/// A market file that cannot be used; the message names the file, the key and the problem.
class catalog_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Loads a market file such as config/market.toml. Series paths are resolved against `root` (the
/// directory that holds node_modules/). Each instrument's reference price is its fundamental at the
/// clock's history start (or the series' first point). Throws catalog_error.
market_catalog load_market_catalog(const std::filesystem::path& file, const std::filesystem::path& root);

} // namespace bourse::bots
