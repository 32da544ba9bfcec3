#pragma once

#include <utility>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

namespace bourse {

/// Spawns a short-lived event-based actor running `fn(self)` (e.g. one request and its reply).
/// CAF 0.17 binds a reference to a null argument tuple when a function actor is spawned without
/// arguments (UBSan: "reference binding to null pointer"), so `fn` travels as the one argument.
template <class F>
caf::actor spawn_task(caf::actor_system& sys, F fn) {
  return sys.spawn([](caf::event_based_actor* self, F f) { return f(self); }, std::move(fn));
}

} // namespace bourse
