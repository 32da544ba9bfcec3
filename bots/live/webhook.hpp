#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace bourse::bots {

/// Posts bot events (kill switch, errors) to a Discord-compatible webhook: an HTTP POST of
/// {"content": text} as application/json. Runs on its own thread so a slow endpoint never stalls a
/// bot; at most `max_queue` messages wait (newer ones are dropped past that), each POST is bounded by
/// `timeout`. Only http:// URLs (put a TLS-terminating relay in front of an https endpoint).
class webhook_notifier {
public:
  /// Throws std::invalid_argument for a URL that is not http://host[:port][/path].
  explicit webhook_notifier(const std::string& url, std::size_t max_queue = 64,
                            std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~webhook_notifier();
  webhook_notifier(const webhook_notifier&) = delete;
  webhook_notifier& operator=(const webhook_notifier&) = delete;

  /// Queues one message; false when the queue is full (the message is dropped).
  bool notify(std::string content);
  /// Messages posted with a 2xx answer so far.
  std::size_t delivered() const;
  /// Messages that failed (connect, timeout, non-2xx).
  std::size_t failed() const;

private:
  void run();
  bool post(const std::string& content) const;

  std::string host_;
  std::string port_;
  std::string target_;
  std::size_t max_queue_;
  std::chrono::milliseconds timeout_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::size_t delivered_ = 0;
  std::size_t failed_ = 0;
  bool stopping_ = false;
  std::thread worker_;
};

} // namespace bourse::bots
