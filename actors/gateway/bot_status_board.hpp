#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "actors/gateway/gateway_messages.hpp"

namespace bourse {

/// The last status each bot reported to the gateway, by bot name; read by GET /api/v1/bots.
/// Thread-safe. Bounded by the number of distinct bot names that logged in.
class bot_status_board {
public:
  /// Stores `status` as the latest of its bot.
  void put(bot_status status);
  /// Every bot's latest status, sorted by name.
  std::vector<bot_status> all() const;

private:
  mutable std::mutex mutex_;
  std::map<std::string, bot_status> statuses_;
};

} // namespace bourse
