#include "actors/supervisor/supervisor.hpp"

#include <deque>
#include <unordered_map>

#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/runtime/atoms.hpp"

namespace bourse {
namespace {

struct supervisor_state {
  std::unordered_map<caf::actor_addr, std::pair<caf::actor, child_spec>> children;
  std::deque<caf::actor_clock::time_point> restarts;
};

using supervisor_pointer = caf::stateful_actor<supervisor_state>*;

void stop_children(supervisor_pointer self, const caf::error& reason) {
  for (auto& [addr, child] : self->state.children) {
    self->demonitor(child.first);
    self->send_exit(child.first, reason);
  }
  self->state.children.clear();
}

/// True when one more restart stays within the policy; records it.
bool may_restart(supervisor_pointer self, const restart_policy& policy) {
  auto now = self->clock().now();
  auto& times = self->state.restarts;
  while (!times.empty() && now - times.front() > policy.within)
    times.pop_front();
  if (times.size() >= policy.max_restarts)
    return false;
  times.push_back(now);
  return true;
}

caf::behavior supervisor(supervisor_pointer self, restart_policy policy) {
  self->set_down_handler([self, policy](caf::down_msg& msg) {
    auto it = self->state.children.find(msg.source);
    if (it == self->state.children.end())
      return;
    auto spec = std::move(it->second.second);
    self->state.children.erase(it);
    if (msg.reason == caf::exit_reason::normal)
      return;
    if (!may_restart(self, policy)) {
      stop_children(self, caf::exit_reason::kill);
      self->quit(escalation_error());
      return;
    }
    auto next = spec.start();
    self->monitor(next);
    self->state.children.emplace(next.address(), std::make_pair(next, std::move(spec)));
  });
  self->set_exit_handler([self](caf::exit_msg& msg) {
    stop_children(self, msg.reason);
    self->quit(msg.reason);
  });
  return {
      [self](atoms::supervise, caf::actor child, child_spec& spec) {
        self->monitor(child);
        self->state.children.emplace(child.address(), std::make_pair(child, std::move(spec)));
      },
  };
}

} // namespace

caf::error escalation_error() {
  return caf::error{1, caf::atom("bourse")};
}

caf::actor spawn_supervisor(caf::actor_system& sys, restart_policy policy) {
  return sys.spawn(supervisor, policy);
}

} // namespace bourse
