#pragma once

#include <optional>
#include <string_view>

#include "actors/common/types.hpp"

namespace bourse::bots {

/// Parses a calendar date as midnight UTC in ns: ISO "2000-01-03" or the vega-datasets form
/// "Jan 1 2000" (English three-letter month). nullopt for any other text or an impossible date.
std::optional<timestamp_ns> parse_utc_day(std::string_view text) noexcept;

} // namespace bourse::bots
