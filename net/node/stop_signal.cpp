#include "net/node/stop_signal.hpp"

#include <csignal>
#include <pthread.h>

#include <spdlog/spdlog.h>

namespace bourse::node {
namespace {

sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

} // namespace

stop_signal::stop_signal() {
  const auto signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  waiter_ = std::thread([this, signals] {
    int received = 0;
    sigwait(&signals, &received);
    {
      std::lock_guard lock{mutex_};
      received_ = received;
    }
    arrived_.notify_all();
  });
}

stop_signal::~stop_signal() {
  if (!requested())
    pthread_kill(waiter_.native_handle(), SIGTERM); // pending on the waiter: its sigwait returns
  waiter_.join();
}

int stop_signal::wait() {
  std::unique_lock lock{mutex_};
  arrived_.wait(lock, [this] { return requested(); });
  spdlog::info("signal {} received, stopping", received_.load());
  return received_;
}

} // namespace bourse::node
