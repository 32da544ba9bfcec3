#include "actors/gateway/account_tap.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include <caf/actor_cast.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

namespace bourse {
namespace {

/// Pause before looking again for a restarted account.
constexpr auto resolve_retry = std::chrono::milliseconds(10);

struct tap_state {
  account_id id = 0;
  std::shared_ptr<placement> where;
  caf::actor real; ///< the account actor (untyped, to forward any message)
  std::vector<order_listener> listeners;
};

using tap_pointer = caf::stateful_actor<tap_state>*;

/// Adopts the account the placement names, unless that is still this tap or the dead incarnation.
void resolve(tap_pointer self, const caf::actor_addr& dead) {
  auto& st = self->state;
  auto current = st.where->account(st.id);
  const auto me = caf::actor_cast<caf::actor_addr>(self);
  if (!current || current.address() == me || current.address() == dead) {
    self->delayed_send(self, resolve_retry, atoms::check::value);
    return;
  }
  st.real = caf::actor_cast<caf::actor>(current);
  self->monitor(st.real);
  st.where->put_account(st.id, caf::actor_cast<account_actor>(self));
}

caf::behavior tap(tap_pointer self, account_id id, std::shared_ptr<placement> where) {
  auto& st = self->state;
  st.id = id;
  st.where = std::move(where);
  st.real = caf::actor_cast<caf::actor>(st.where->account(id));
  self->monitor(st.real);
  st.where->put_account(id, caf::actor_cast<account_actor>(self));
  self->set_down_handler([self](const caf::down_msg& msg) {
    auto& listeners = self->state.listeners;
    std::erase_if(listeners, [&](const order_listener& l) { return l.address() == msg.source; });
    if (msg.source == self->state.real.address())
      resolve(self, msg.source);
  });
  // Everything else of the account interface goes to the real account, reply included.
  self->set_default_handler([](caf::scheduled_actor* ptr, caf::message_view& x) -> caf::result<caf::message> {
    auto* me = static_cast<tap_pointer>(ptr);
    me->delegate(me->state.real, x.move_content_to_message());
    return caf::delegated<caf::message>{};
  });
  return {
      [self](atoms::report r, const std::vector<execution_report>& reports) {
        for (const auto& l : self->state.listeners)
          for (const auto& report : reports)
            self->send(l, report);
        self->send(self->state.real, r, reports);
      },
      [self](atoms::watch, const order_listener& listener) {
        auto& listeners = self->state.listeners;
        if (std::find(listeners.begin(), listeners.end(), listener) != listeners.end())
          return;
        self->monitor(listener);
        listeners.push_back(listener);
      },
      [self](atoms::check) { resolve(self, self->state.real.address()); },
  };
}

} // namespace

caf::actor spawn_account_tap(caf::actor_system& sys, account_id id, std::shared_ptr<placement> where) {
  return sys.spawn(tap, id, std::move(where));
}

} // namespace bourse
