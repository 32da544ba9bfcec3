#include "actors/account/pending_submits.hpp"

#include <algorithm>
#include <utility>

namespace bourse {

std::optional<std::chrono::nanoseconds> pending_submits::add(order_result result, callback done,
                                                             time_point now) {
  const auto ref = result.client_order_id;
  waiting_.emplace(ref, waiting{std::move(result), std::move(done), now + timeout_});
  if (timer_)
    return std::nullopt;
  timer_ = true;
  return timeout_;
}

std::vector<pending_submits::waiting> pending_submits::take(std::uint64_t client_order_id) {
  std::vector<waiting> out;
  auto [first, last] = waiting_.equal_range(client_order_id);
  for (auto it = first; it != last; ++it)
    out.push_back(std::move(it->second));
  waiting_.erase(first, last);
  return out;
}

pending_submits::expiry pending_submits::tick(time_point now) {
  expiry out;
  std::optional<time_point> next;
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (it->second.deadline <= now) {
      out.expired.push_back(std::move(it->second));
      it = waiting_.erase(it);
      continue;
    }
    next = next ? std::min(*next, it->second.deadline) : it->second.deadline;
    ++it;
  }
  timer_ = next.has_value();
  if (next)
    out.next = *next - now;
  return out;
}

} // namespace bourse
