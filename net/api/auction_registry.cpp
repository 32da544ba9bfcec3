#include "net/api/auction_registry.hpp"

#include <caf/send.hpp>

#include <algorithm>

namespace bourse::net::api {

auction_registry::auction_registry(caf::actor_system& sys, auction_bank_actor bank, auction_actor_config cfg,
                                   const std::map<lot_id, std::shared_ptr<auction_rules>>& recovered)
    : sys_(sys), bank_(std::move(bank)), cfg_(std::move(cfg)) {
  for (const auto& [id, rules] : recovered) {
    lots_.emplace(id, spawn_auction(sys_, rules, bank_, cfg_));
    next_id_ = std::max(next_id_, id + 1);
  }
}

std::pair<lot_id, reason_code> auction_registry::create(lot_definition lot, timestamp_ns now) {
  std::lock_guard guard(mutex_);
  lot.id = next_id_;
  if (auto why = validate_lot(lot); why != reason_code::none)
    return {0, why};
  ++next_id_;
  auto rules = std::make_shared<auction_rules>(lot, now);
  lots_.emplace(lot.id, spawn_auction(sys_, std::move(rules), bank_, cfg_));
  return {lot.id, reason_code::none};
}

auction_actor auction_registry::find(lot_id id) const {
  std::lock_guard guard(mutex_);
  auto it = lots_.find(id);
  return it == lots_.end() ? auction_actor{} : it->second;
}

std::vector<std::pair<lot_id, auction_actor>> auction_registry::all() const {
  std::lock_guard guard(mutex_);
  return {lots_.begin(), lots_.end()};
}

void auction_registry::stop() {
  std::lock_guard guard(mutex_);
  for (const auto& [id, lot] : lots_)
    caf::anon_send_exit(lot, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(bank_, caf::exit_reason::user_shutdown);
}

} // namespace bourse::net::api
