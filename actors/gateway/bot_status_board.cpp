#include "actors/gateway/bot_status_board.hpp"

namespace bourse {

void bot_status_board::put(bot_status status) {
  std::lock_guard lock{mutex_};
  auto name = status.name;
  statuses_.insert_or_assign(std::move(name), std::move(status));
}

std::vector<bot_status> bot_status_board::all() const {
  std::lock_guard lock{mutex_};
  std::vector<bot_status> out;
  out.reserve(statuses_.size());
  for (const auto& [name, status] : statuses_)
    out.push_back(status);
  return out;
}

} // namespace bourse
