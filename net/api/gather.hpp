#pragma once

#include "actors/runtime/errors.hpp"
#include "net/http/message.hpp"
#include "net/http/router.hpp"

#include <cstddef>
#include <functional>

namespace bourse::net::api {

/// Collects the answers of many actor requests made by one actor: done() answers once after the
/// last arrive(), fail() answers the first error instead. Starts with one pending arrival that the
/// requester releases after sending every request. Shared by the handlers (one actor, no locking).
struct gather {
  http::responder respond;
  std::function<http::response()> done;
  std::size_t pending = 1;
  bool failed = false;

  void arrive() {
    if (--pending == 0 && !failed)
      respond(done());
  }
  void fail(const caf::error& err) {
    if (!failed)
      respond(http::error_response(to_reason(err)));
    failed = true;
  }
};

} // namespace bourse::net::api
