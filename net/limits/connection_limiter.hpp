#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bourse::net {

/// Counts open connections per client address and refuses past a maximum. Thread-safe.
class connection_limiter : public std::enable_shared_from_this<connection_limiter> {
public:
  /// Releases its slot when destroyed.
  class slot {
  public:
    slot(std::shared_ptr<connection_limiter> owner, std::string address);
    ~slot();
    slot(const slot&) = delete;
    slot& operator=(const slot&) = delete;

  private:
    std::shared_ptr<connection_limiter> owner_;
    std::string address_;
  };

  /// max_per_address > 0.
  explicit connection_limiter(std::int64_t max_per_address);

  /// A slot for address, or nullptr when address already holds the maximum.
  std::unique_ptr<slot> try_acquire(const std::string& address);

  /// Open connections of address.
  std::int64_t count(const std::string& address) const;

private:
  void release(const std::string& address);

  std::int64_t max_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::int64_t> open_;
};

} // namespace bourse::net
