#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "actors/account/margin.hpp"

namespace bourse {

/// The instruments a node lists: the market file's at start, plus those an operator lists at runtime
/// (POST /api/v1/admin/instruments). Append-only and copy-on-write: add() publishes a new table and
/// keeps every earlier one alive, so the table current() returns stays valid (and unchanged) for the
/// registry's life while readers on any thread keep using it. Reads are one atomic load; an add
/// copies the table (operators list a handful of symbols, so the kept versions stay small).
class instrument_registry {
public:
  /// Starts with `listed`.
  explicit instrument_registry(instrument_table listed = {});

  instrument_registry(const instrument_registry&) = delete;
  instrument_registry& operator=(const instrument_registry&) = delete;

  /// The newest table; a reference valid for the registry's life.
  const instrument_table& current() const noexcept { return *current_.load(std::memory_order_acquire); }

  /// Lists `inst`; false (nothing changes) when its symbol is already listed. `start(inst)` runs
  /// first, under the registry's lock, so a reader that sees the symbol also finds whatever it
  /// started (its book). Thread-safe; `start` must not call back into the registry.
  bool add(const instrument& inst, const std::function<void(const instrument&)>& start = {});

private:
  std::mutex add_mutex_;
  std::vector<std::unique_ptr<const instrument_table>> versions_; ///< every published table, oldest first
  std::atomic<const instrument_table*> current_;
};

} // namespace bourse
