#pragma once

#include <chrono>
#include <optional>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/scoped_actor.hpp>
#include <gtest/gtest.h>

#include "actors/runtime/message_types.hpp"

namespace bourse::testing {

/// A CAF configuration with the deterministic testing scheduler and every Bourse message type.
struct test_config : caf::actor_system_config {
  test_config() {
    set("scheduler.policy", caf::atom("testing"));
    set("logger.verbosity", caf::atom("quiet"));
    bourse::register_message_types(*this);
  }
};

/// An actor system driven step by step from the test thread: nothing runs until run() is called.
class actor_fixture : public ::testing::Test {
protected:
  actor_fixture() : sys_(cfg_), sched_(dynamic_cast<caf::scheduler::test_coordinator&>(sys_.scheduler())) {}

  /// Runs every pending job until the system is quiet (timers stay pending).
  void run() { sched_.run(); }

  /// Fires every pending timer (delayed messages and request timeouts), then runs to quiet.
  void fire_timers() {
    sched_.trigger_timeouts();
    run();
  }

  /// Sends a request, runs the system and returns the reply, or nullopt with the error in last_error_.
  template <class Result, class Handle, class... Ts>
  std::optional<Result> ask(const Handle& dest, Ts&&... xs) {
    auto handle = self_->request(dest, std::chrono::seconds(30), std::forward<Ts>(xs)...);
    run();
    std::optional<Result> out;
    handle.receive([&](Result& r) { out = std::move(r); }, [&](caf::error& err) { last_error_ = err; });
    return out;
  }

  test_config cfg_;
  caf::actor_system sys_;
  caf::scheduler::test_coordinator& sched_;
  caf::scoped_actor self_{sys_};
  caf::error last_error_;
};

} // namespace bourse::testing
