#pragma once

#include "actors/runtime/errors.hpp"
#include "actors/runtime/spawn_task.hpp"
#include "net/http/message.hpp"
#include "net/http/router.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <utility>

namespace bourse::net::api {

/// Sends one request to an exchange actor from a network thread without blocking it: a short-lived
/// actor sends (xs...) to target with timeout and answers through respond with on_reply(Result&),
/// or with the error as JSON (TIMEOUT -> 504, otherwise UNAVAILABLE -> 503). An invalid target
/// answers not_found_code.
template <class Result, class Handle, class... Ts>
void ask_actor(caf::actor_system& sys, const Handle& target, std::chrono::milliseconds timeout,
               http::responder respond, std::function<http::response(Result&)> on_reply,
               reason_code not_found_code, Ts... xs) {
  if (!target)
    return respond(http::error_response(not_found_code));
  // The responder holds the connection's strand: it is released as soon as it answered, not when
  // CAF destroys the task actor, which may be after the server and its io_context are gone.
  auto once = std::make_shared<http::responder>(std::move(respond));
  spawn_task(sys, [=](caf::event_based_actor* self) {
    self->request(target, timeout, xs...)
        .then([once, on_reply](Result& reply) { std::exchange(*once, {})(on_reply(reply)); },
              [once](caf::error& err) { std::exchange(*once, {})(http::error_response(to_reason(err))); });
  });
}

} // namespace bourse::net::api
