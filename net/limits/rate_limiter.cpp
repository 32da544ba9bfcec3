#include "net/limits/rate_limiter.hpp"

#include <algorithm>
#include <stdexcept>

namespace bourse::net {

namespace {

constexpr std::int64_t ns_per_s = 1'000'000'000;
constexpr std::int64_t ns_per_ms = 1'000'000;

std::int64_t ceil_ms(std::int64_t ns) {
  return (ns + ns_per_ms - 1) / ns_per_ms;
}

} // namespace

rate_limiter::rate_limiter(std::int64_t rate_per_s, std::int64_t burst) : burst_(burst) {
  if (rate_per_s <= 0 || burst <= 0 || rate_per_s > ns_per_s)
    throw std::invalid_argument("rate_limiter: rate and burst must be positive");
  interval_ns_ = ns_per_s / rate_per_s;
  tolerance_ns_ = interval_ns_ * (burst - 1);
}

rate_decision rate_limiter::acquire(std::string_view key, std::int64_t now_ns) {
  std::lock_guard guard(mutex_);
  if (tat_.size() >= sweep_at_)
    drop_full_buckets(now_ns);
  auto [it, inserted] = tat_.try_emplace(std::string(key), now_ns);
  auto tat = std::max(it->second, now_ns);
  rate_decision decision;
  decision.limit = burst_;
  if (tat - now_ns > tolerance_ns_) {
    decision.retry_after_ms = ceil_ms(tat - now_ns - tolerance_ns_);
    decision.reset_ms = ceil_ms(tat - now_ns);
    return decision;
  }
  it->second = tat + interval_ns_;
  decision.allowed = true;
  decision.remaining = (now_ns + tolerance_ns_ + interval_ns_ - it->second) / interval_ns_;
  decision.reset_ms = ceil_ms(it->second - now_ns);
  return decision;
}

std::size_t rate_limiter::tracked_keys() const {
  std::lock_guard guard(mutex_);
  return tat_.size();
}

void rate_limiter::drop_full_buckets(std::int64_t now_ns) {
  std::erase_if(tat_, [now_ns](const auto& entry) { return entry.second <= now_ns; });
  sweep_at_ = std::max<std::size_t>(1024, tat_.size() * 2);
}

} // namespace bourse::net
