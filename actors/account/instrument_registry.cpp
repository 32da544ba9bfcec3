#include "actors/account/instrument_registry.hpp"

namespace bourse {

instrument_registry::instrument_registry(instrument_table listed) {
  versions_.push_back(std::make_unique<const instrument_table>(std::move(listed)));
  current_.store(versions_.back().get(), std::memory_order_release);
}

bool instrument_registry::add(const instrument& inst, const std::function<void(const instrument&)>& start) {
  std::lock_guard lock{add_mutex_};
  const auto& newest = *versions_.back();
  if (newest.contains(inst.symbol))
    return false;
  if (start)
    start(inst);
  auto next = std::make_unique<instrument_table>(newest);
  next->emplace(inst.symbol, inst);
  versions_.push_back(std::move(next));
  current_.store(versions_.back().get(), std::memory_order_release);
  return true;
}

} // namespace bourse
