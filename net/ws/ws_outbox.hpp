#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace bourse::net::ws {

/// The session actor's way out to its socket: thread-safe, never blocks. Frames are queued on the
/// connection's strand and written in order; the counters say how much is still unwritten.
class ws_outbox {
public:
  virtual ~ws_outbox() = default;

  /// Queues one text frame; dropped silently once the connection is closing.
  virtual void push(std::string text) = 0;

  /// Sends a close frame with code (RFC 6455 section 7.4) and reason, then ends the connection.
  virtual void close(std::uint16_t code, std::string reason) = 0;

  /// Frames queued but not yet written.
  std::int64_t queued_messages() const noexcept { return queued_messages_.load(); }

  /// Bytes queued but not yet written.
  std::int64_t queued_bytes() const noexcept { return queued_bytes_.load(); }

protected:
  std::atomic<std::int64_t> queued_messages_{0};
  std::atomic<std::int64_t> queued_bytes_{0};
};

} // namespace bourse::net::ws
