#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "persistence/persist_messages.hpp"

namespace bourse {

class pg_connection;

/// Tunables of the group commit.
struct group_commit_config {
  std::string conninfo;                           ///< libpq conninfo or URL of the store
  std::size_t max_batch_rows = 4096;              ///< a batch closes at this many rows ...
  std::chrono::microseconds max_delay{1000};      ///< ... or this long after its oldest request arrived
  std::size_t max_pending_rows = 1 << 18;         ///< refusable requests get BUSY above this many
  std::chrono::milliseconds backoff_min{10};      ///< first reconnect pause, doubled up to ...
  std::chrono::milliseconds backoff_max{2000};    ///< ... this
  std::chrono::milliseconds shutdown_grace{5000}; ///< how long a stopping writer keeps retrying
  std::int64_t writer_id = 0;                     ///< key in persist_batches; 0 = random
};

/// Where a write may be interrupted on purpose (tests): before the batch is sent, and after it
/// committed (returning true there makes the writer behave as if the reply was lost).
enum class commit_stage : std::uint8_t { before_write, after_commit };
using fault_hook = std::function<bool(commit_stage, std::uint64_t batch_no, pg_connection&)>;

/// The outcome of one batch: requests [first, last] (tickets) committed in batch `batch_no`, except
/// those in `failed` (nothing of them written): PERSISTENCE_FAILED when PostgreSQL rejected a row,
/// UNAVAILABLE when the writer stopped before it could reach the store.
struct commit_report {
  std::uint64_t batch_no = 0;
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::vector<std::pair<std::uint64_t, reason_code>> failed;
};

/// The blocking half of the persistence actor: a FIFO of accepted requests and one writer thread
/// with one connection that commits them in batches (one transaction each, COPY, synchronous
/// commit) strictly in arrival order, so what is durable is always a prefix of what was accepted.
/// Lost connections are reopened with exponential backoff and the batch is retried; a batch whose
/// COMMIT reply was lost is looked up in persist_batches first, so nothing is written twice. A
/// batch with a rejected row is split and its requests written one by one.
class group_committer {
public:
  /// Starts the writer thread; `done` is called on it after every batch, in ticket order.
  group_committer(group_commit_config cfg, std::function<void(commit_report)> done, fault_hook fault = {});
  group_committer(const group_committer&) = delete;
  group_committer& operator=(const group_committer&) = delete;
  /// Stops accepting, writes what is queued (retrying for at most shutdown_grace), joins the thread.
  ~group_committer();

  /// Queues a request under the next ticket (1, 2, ...). Returns 0 (nothing queued) when
  /// `request.refusable` and the pending rows would exceed max_pending_rows.
  std::uint64_t submit(persist_request request);

  /// Counters (thread-safe).
  persistence_stats stats() const noexcept;

private:
  struct entry {
    std::uint64_t ticket;
    std::size_t rows;
    std::chrono::steady_clock::time_point arrived;
    persist_request request;
  };

  void run();
  /// Waits until a batch is due and moves it out of the queue; empty when stopping with nothing left.
  std::vector<entry> next_batch();
  enum class outcome : std::uint8_t { written, rejected, gave_up };

  /// Writes batch[first, last) (split on a rejected row); adds the requests not written to `failed`.
  void commit(const std::vector<entry>& batch, std::size_t first, std::size_t last,
              std::vector<std::pair<std::uint64_t, reason_code>>& failed);
  /// Writes batch[first, last) as one transaction, retrying until it is known to be written.
  outcome write_until_durable(const std::vector<entry>& batch, std::size_t first, std::size_t last);
  /// Opens the connection, pausing with backoff between attempts; false when giving up (stopping).
  bool ensure_connected();
  /// Pauses for the current backoff (interrupted by stop) and doubles it.
  void back_off();
  bool giving_up() const;
  /// Whether persist_batches holds (writer_id, batch_no); nullopt when the query failed.
  std::optional<bool> already_written(std::uint64_t batch_no);

  group_commit_config cfg_;
  std::function<void(commit_report)> done_;
  fault_hook fault_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<entry> queue_;
  std::size_t queued_rows_ = 0;
  std::uint64_t next_ticket_ = 1;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point stop_deadline_;

  std::atomic<std::uint64_t> pending_rows_{0};
  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::uint64_t> rows_{0};
  std::atomic<std::uint64_t> refused_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> reconnects_{0};
  std::atomic<std::uint64_t> connect_failures_{0};

  // writer thread only
  struct connection_slot;
  std::unique_ptr<connection_slot> conn_;
  std::uint64_t batch_no_ = 0;
  std::chrono::milliseconds backoff_;
  bool connected_once_ = false;
  std::thread writer_;
};

} // namespace bourse
