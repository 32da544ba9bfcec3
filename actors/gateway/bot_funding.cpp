#include "actors/gateway/bot_funding.hpp"

#include <algorithm>

namespace bourse {

cents bot_top_up(const bot_funding_config& cfg, cents equity) noexcept {
  if (cfg.floor <= 0 || equity >= cfg.floor)
    return 0;
  return std::max(cfg.target, cfg.floor) - equity;
}

} // namespace bourse
