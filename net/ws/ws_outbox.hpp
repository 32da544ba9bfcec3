#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace bourse::net::ws {

/// One serialised text frame, shared by every connection it goes to (a public channel event is
/// serialised once and queued on each subscriber's connection).
using shared_frame = std::shared_ptr<const std::string>;

/// A frame of text for one connection only (replies, private channels).
inline shared_frame make_frame(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

/// Bounds on a connection's unwritten frames (from limits.outbound_queue_messages / _bytes).
struct outbox_bounds {
  /// Frames queued past which book channels withhold deltas and later resync with a snapshot.
  std::int64_t conflate_after_messages = 256;
  /// Frames or bytes queued past which the connection closes with 1008 "SLOW_CONSUMER".
  std::int64_t max_messages = 1'024;
  std::int64_t max_bytes = 4 * 1024 * 1024;
};

/// A serial job queue on the I/O threads shared by many connections: the fan-out queues one batch
/// of pushes per lane and event, so that writes start on an I/O thread (inline on each idle
/// connection strand) without one cross-thread wake-up per connection.
class ws_lane {
public:
  virtual ~ws_lane() = default;

  /// Runs job later on an I/O thread; the jobs of one lane run one at a time, in order.
  virtual void run(std::function<void()> job) = 0;
};

/// The way out to one socket, used by its session actor and by the public channel fan-out:
/// thread-safe, never blocks. Frames are queued on the connection's strand and written in order;
/// the counters say how much is still unwritten.
class ws_outbox {
public:
  virtual ~ws_outbox() = default;

  /// Queues one frame; dropped silently once the connection is closing.
  void push(shared_frame frame) {
    if (!closing_.load())
      do_push(std::move(frame));
  }

  /// Queues one frame unless the queue is past `bounds`: then closes with 1008 "SLOW_CONSUMER".
  /// False when the frame was not queued (closing, or closed now).
  bool offer(shared_frame frame, const outbox_bounds& bounds) {
    if (closing_.load())
      return false;
    if (queued_messages() >= bounds.max_messages || queued_bytes() >= bounds.max_bytes) {
      close(1008, "SLOW_CONSUMER");
      return false;
    }
    do_push(std::move(frame));
    return true;
  }

  /// Sends a close frame with code (RFC 6455 section 7.4) and reason, then ends the connection;
  /// only the first call has an effect.
  void close(std::uint16_t code, std::string reason) {
    if (!closing_.exchange(true))
      do_close(code, std::move(reason));
  }

  /// True once close() was called.
  bool closing() const noexcept { return closing_.load(); }

  /// Frames queued but not yet written.
  std::int64_t queued_messages() const noexcept { return queued_messages_.load(); }

  /// Bytes queued but not yet written.
  std::int64_t queued_bytes() const noexcept { return queued_bytes_.load(); }

  /// The lane of this connection, or null (no I/O threads, or they are gone).
  std::shared_ptr<ws_lane> lane() const noexcept { return lane_.lock(); }

  /// True when no more than half the conflation bound is queued: a withheld book may resync.
  bool drained(const outbox_bounds& bounds) const noexcept {
    return queued_messages() * 2 < bounds.conflate_after_messages;
  }

protected:
  /// Queues frame for writing (counting it in the queue) or drops it when the socket is gone.
  virtual void do_push(shared_frame frame) = 0;
  /// Starts the close handshake with code and reason; called once.
  virtual void do_close(std::uint16_t code, std::string reason) = 0;

  std::atomic<std::int64_t> queued_messages_{0};
  std::atomic<std::int64_t> queued_bytes_{0};
  std::weak_ptr<ws_lane> lane_; ///< set before the outbox is shared, then only read

private:
  std::atomic<bool> closing_{false};
};

} // namespace bourse::net::ws
