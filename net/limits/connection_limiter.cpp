#include "net/limits/connection_limiter.hpp"

namespace bourse::net {

connection_limiter::slot::slot(std::shared_ptr<connection_limiter> owner, std::string address)
    : owner_(std::move(owner)), address_(std::move(address)) {
  // nop
}

connection_limiter::slot::~slot() {
  owner_->release(address_);
}

connection_limiter::connection_limiter(std::int64_t max_per_address) : max_(max_per_address) {
  // nop
}

std::unique_ptr<connection_limiter::slot> connection_limiter::try_acquire(const std::string& address) {
  {
    std::lock_guard guard(mutex_);
    auto& open = open_[address];
    if (open >= max_)
      return nullptr;
    ++open;
  }
  return std::make_unique<slot>(shared_from_this(), address);
}

std::int64_t connection_limiter::count(const std::string& address) const {
  std::lock_guard guard(mutex_);
  auto it = open_.find(address);
  return it == open_.end() ? 0 : it->second;
}

void connection_limiter::release(const std::string& address) {
  std::lock_guard guard(mutex_);
  auto it = open_.find(address);
  if (it != open_.end() && --it->second == 0)
    open_.erase(it);
}

} // namespace bourse::net
