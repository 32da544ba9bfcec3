#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace bourse::node {

/// SIGINT and SIGTERM for the whole process, from the first moment of start-up: the constructor
/// blocks both in the calling thread (every thread started after it inherits the mask) and waits
/// for them on a thread of its own, so a stop that arrives during a long recovery is seen at the
/// next start-up step instead of being held until the node is up. Construct it first in main's
/// thread, before any other thread exists.
class stop_signal {
public:
  stop_signal();
  stop_signal(const stop_signal&) = delete;
  stop_signal& operator=(const stop_signal&) = delete;
  /// Wakes and joins the waiting thread when no signal came.
  ~stop_signal();

  /// True once SIGINT or SIGTERM arrived.
  bool requested() const noexcept { return received_.load() != 0; }
  /// Blocks until SIGINT or SIGTERM arrives (at once when one already did); returns its number.
  int wait();

private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::atomic<int> received_{0};
  std::thread waiter_;
};

} // namespace bourse::node
