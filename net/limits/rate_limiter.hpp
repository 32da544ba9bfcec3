#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bourse::net {

/// The outcome of one rate_limiter::acquire, with what the RateLimit-* headers need.
struct rate_decision {
  bool allowed = false;
  /// Bucket size (requests).
  std::int64_t limit = 0;
  /// Requests still allowed right now.
  std::int64_t remaining = 0;
  /// Until the bucket is full again, ms.
  std::int64_t reset_ms = 0;
  /// When refused: until the next request would be allowed, ms (0 when allowed).
  std::int64_t retry_after_ms = 0;
};

/// A token bucket per key (an IP, a user id), as the Generic Cell Rate Algorithm (ATM Forum TM 4.0;
/// the form used by redis-cell): one integer per key, no timer. Thread-safe. Keys idle long enough to
/// be full are dropped when the table grows.
class rate_limiter {
public:
  /// rate_per_s tokens per second, bucket of burst tokens (both > 0).
  rate_limiter(std::int64_t rate_per_s, std::int64_t burst);

  /// Takes one token from key's bucket at now_ns (a monotonic clock, ns).
  rate_decision acquire(std::string_view key, std::int64_t now_ns);

  /// Number of keys currently tracked.
  std::size_t tracked_keys() const;

private:
  void drop_full_buckets(std::int64_t now_ns);

  std::int64_t interval_ns_;
  std::int64_t tolerance_ns_;
  std::int64_t burst_;
  std::size_t sweep_at_ = 1024;
  mutable std::mutex mutex_;
  /// key -> theoretical arrival time, ns.
  std::unordered_map<std::string, std::int64_t> tat_;
};

} // namespace bourse::net
