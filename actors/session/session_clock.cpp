#include "actors/session/session_clock.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace bourse {

session_clock spawn_session_clock(caf::actor_system& sys, std::shared_ptr<session_state> state,
                                  std::shared_ptr<placement> where, session_clock_config cfg) {
  // State as spawn arguments: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](session_clock::pointer self, std::shared_ptr<session_state> st, std::shared_ptr<placement> w,
         session_clock_config c) -> session_clock::behavior_type {
        self->delayed_send(self, c.day_length, atoms::day_end::value);
        return {
            [self, st, w, c](atoms::day_end) {
              ++st->days_ended;
              for (const auto& symbol : w->symbols())
                if (auto book = w->book(symbol))
                  self->request(book, c.book_timeout, atoms::day_end::value)
                      .then(
                          [](cents) {
                            // nop: the book has re-centred its band
                          },
                          [](caf::error&) {
                            // nop: the book gets the next day's end
                          });
              self->delayed_send(self, c.day_length, atoms::day_end::value);
            },
            [st](caf::get_atom, atoms::day_end) { return st->days_ended; },
        };
      },
      std::move(state), std::move(where), cfg);
}

} // namespace bourse
