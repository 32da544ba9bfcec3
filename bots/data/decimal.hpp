#pragma once

#include <optional>
#include <string_view>

#include "actors/common/types.hpp"

namespace bourse::bots {

/// Parses a decimal text such as "1455.219971", "-0.5" or "39" into cents without going through
/// floating point; digits past the second decimal round half away from zero ("0.005" -> 1).
/// Returns nullopt for empty text, stray characters, exponents or int64 overflow.
std::optional<cents> parse_cents(std::string_view text) noexcept;

/// Parses a non-negative integer (e.g. a volume in shares); nullopt on any other text or overflow.
std::optional<std::int64_t> parse_count(std::string_view text) noexcept;

} // namespace bourse::bots
