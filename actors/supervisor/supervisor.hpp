#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/error.hpp>

namespace bourse {

/// How a supervised child is (re)started: `start` spawns one incarnation from the child's checkpoint
/// and re-points the placement entry at it. Local only (holds a function), never sent across nodes.
struct child_spec {
  std::string name;
  std::function<caf::actor()> start;
};

/// One-for-one restart intensity: more than `max_restarts` restarts within `within` escalate.
struct restart_policy {
  std::size_t max_restarts = 5;
  caf::timespan within = std::chrono::seconds(10);
};

/// The exit reason of a supervisor that gave up (too many restarts): its parent sees it in the
/// down_msg or exit_msg. Category atom "bourse", code 1.
caf::error escalation_error();

/// Spawns a one-for-one supervisor. Messages: `(atoms::supervise, caf::actor child, child_spec)`
/// adopts a running child (it monitors it and restarts it through the spec when it fails; a normal
/// exit, e.g. passivation, just forgets it). When restarts exceed the policy it kills its children
/// and quits with escalation_error(); an exit_msg from its parent stops it and its children.
caf::actor spawn_supervisor(caf::actor_system& sys, restart_policy policy);

} // namespace bourse

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(bourse::child_spec)
