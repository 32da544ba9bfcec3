#pragma once

#include <vector>

#include "actors/runtime/md_messages.hpp"

namespace bourse {

/// Level changes that turn `before` into `after` (one side, best first): changed or new levels with
/// their new quantity, vanished levels with quantity 0. Appends to `out`.
void depth_diff(side book_side, const std::vector<price_level_view>& before,
                const std::vector<price_level_view>& after, std::vector<level_change>& out);

} // namespace bourse
