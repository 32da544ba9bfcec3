#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "persistence/book_snapshot_codec.hpp"
#include "persistence/journal_link.hpp"

namespace bourse {

/// A book actor's journal_link that also writes the book's snapshots (book_snapshot_schedule):
/// each request that makes `every` more commands journaled carries the snapshot of the state at its
/// last command, which leaves once the request is durable. `state` must be the state whose commands
/// the requests carry, updated before each send.
template <class Self>
class book_journal_link {
public:
  book_journal_link(Self self, persistence_actor store, std::string who,
                    std::shared_ptr<const book_state> state, sequence every)
      : snapshots_(store, every, state->journaled), link_(self, std::move(store), std::move(who)),
        state_(std::move(state)) {}

  /// True when state changes are journaled.
  explicit operator bool() const noexcept { return static_cast<bool>(link_); }

  /// Requests sent and not yet answered.
  std::size_t unacked() const noexcept { return link_.unacked(); }

  /// As journal_link::send; a snapshot due now is written after `request` is durable.
  template <class Done>
  void send(persist_request request, Done done) {
    link_.send(std::move(request),
               [this, done = std::move(done), snapshot = snapshots_.due(*state_)](bool ok) mutable {
                 snapshots_.acked(ok, std::move(snapshot));
                 done(ok);
               });
  }

private:
  book_snapshot_schedule snapshots_;
  journal_link<Self> link_;
  std::shared_ptr<const book_state> state_;
};

} // namespace bourse
