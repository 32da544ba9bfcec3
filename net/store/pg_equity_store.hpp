#pragma once

#include "actors/common/types.hpp"
#include "net/store/pg_link.hpp"

#include <cstdint>
#include <vector>

namespace bourse::net {

/// One point of an account's equity curve. Cents, ns UTC.
struct equity_sample {
  account_id account = 0;
  timestamp_ns time = 0;
  cents equity = 0; ///< cash plus positions at mark prices (actors/account/margin.hpp equity())
  cents cash = 0;   ///< free plus reserved cash

  bool operator==(const equity_sample&) const = default;
};

/// The `account_equity` table (persistence/migrations/0017). Throws std::runtime_error on database
/// failures.
class pg_equity_store {
public:
  /// link must outlive the store.
  explicit pg_equity_store(pg_link& link) : link_(link) {}

  /// Inserts `samples` in one statement; a sample whose (account, time) is already stored is skipped.
  void append(const std::vector<equity_sample>& samples);
  /// The account's newest `limit` samples strictly older than `before`, oldest first.
  std::vector<equity_sample> curve(account_id account, timestamp_ns before, std::int64_t limit);
  /// Deletes every sample older than `before`; returns how many.
  std::int64_t prune(timestamp_ns before);

private:
  pg_link& link_;
};

} // namespace bourse::net
