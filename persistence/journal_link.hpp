#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include <caf/typed_response_promise.hpp>
#include <spdlog/spdlog.h>

#include "persistence/persist_messages.hpp"

namespace bourse {

/// One actor's line to the persistence actor: sends its journal requests and runs a continuation
/// per request once it is durable. Acks arrive in request order, so continuations run in the order
/// the requests were sent. Without a persistence actor there is no journal and `send` is not used.
template <class Self>
class journal_link {
public:
  /// `who` names the journaling actor in log lines ("book SPX", "account 7").
  journal_link(Self self, persistence_actor store, std::string who)
      : self_(self), store_(std::move(store)), who_(std::move(who)) {}

  /// True when state changes are journaled.
  explicit operator bool() const noexcept { return static_cast<bool>(store_); }

  /// Requests sent and not yet answered.
  std::size_t unacked() const noexcept { return unacked_; }

  /// Sends `request` as a non-refusable one (it records accepted work); calls `done(true)` once it is
  /// durable, `done(false)` when the journal refused it or is unreachable (logged: memory is then
  /// ahead of the journal).
  template <class Done>
  void send(persist_request request, Done done) {
    request.refusable = false;
    ++unacked_;
    self_->request(store_, caf::infinite, atoms::persist::value, std::move(request))
        .then(
            [this, done](durable_ack& ack) mutable {
              --unacked_;
              const bool ok = ack.reason == reason_code::none;
              if (!ok)
                spdlog::error("{}: journal refused a request: {}", who_, to_string(ack.reason));
              done(ok);
            },
            [this, done](caf::error& err) mutable {
              --unacked_;
              spdlog::error("{}: journal unreachable: {}", who_, caf::to_string(err));
              done(false);
            });
  }

private:
  Self self_;
  persistence_actor store_;
  std::string who_;
  std::size_t unacked_ = 0;
};

/// A response promise of `self` for `reply` and the continuation that answers it: with `reply` when
/// called with true (durable), with a runtime_error (the caller retries) when called with false.
template <class T, class Self>
auto durable_reply(Self self, T reply) {
  auto rp = self->template make_response_promise<T>();
  auto answer = [rp, reply = std::move(reply)](bool ok) mutable {
    if (ok)
      rp.deliver(reply);
    else
      rp.deliver(caf::make_error(caf::sec::runtime_error));
  };
  return std::pair{rp, std::move(answer)};
}

/// `reply` through a response promise of `self`, answered once `durable_then` runs the continuation
/// it is given: with `reply` when durable, with a runtime_error (the caller retries) when not.
template <class T, class Self, class DurableThen>
caf::result<T> reply_when_durable(Self self, T reply, DurableThen durable_then) {
  auto [rp, answer] = durable_reply(self, std::move(reply));
  durable_then(std::move(answer));
  return rp;
}

} // namespace bourse
