#include "actors/market_data/depth_diff.hpp"

#include <algorithm>

namespace bourse {

void depth_diff(side book_side, const std::vector<price_level_view>& before,
                const std::vector<price_level_view>& after, std::vector<level_change>& out) {
  auto find = [](const std::vector<price_level_view>& levels, cents price) {
    return std::find_if(levels.begin(), levels.end(), [price](const auto& l) { return l.price == price; });
  };
  for (const auto& level : before)
    if (find(after, level.price) == after.end())
      out.push_back(level_change{book_side, level.price, 0, 0});
  for (const auto& level : after) {
    auto old = find(before, level.price);
    if (old == before.end() || !(*old == level))
      out.push_back(level_change{book_side, level.price, level.qty, level.orders});
  }
}

} // namespace bourse
