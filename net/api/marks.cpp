#include "net/api/marks.hpp"

#include <memory>

namespace bourse::net::api {

cents reference_of(const placement& where, const instrument_table& instruments, const std::string& symbol) {
  if (auto p = where.reference_price(symbol); p > 0)
    return p;
  auto it = instruments.find(symbol);
  return it == instruments.end() ? 0 : it->second.reference_price;
}

void request_marks(caf::event_based_actor* self, const placement& where, const instrument_table& instruments,
                   std::chrono::milliseconds timeout, std::function<void(mark_prices)> then) {
  struct pending_marks {
    mark_prices marks;
    std::size_t left = 1;
    std::function<void(mark_prices)> then;
    void arrive() {
      if (--left == 0)
        then(std::move(marks));
    }
  };
  auto state = std::make_shared<pending_marks>();
  state->then = std::move(then);
  for (const auto& symbol : where.symbols()) {
    state->marks[symbol] = reference_of(where, instruments, symbol);
    auto md = where.market_data(symbol);
    if (!md)
      continue;
    ++state->left;
    self->request(md, timeout, caf::get_atom::value, atoms::summary::value)
        .then(
            [state, symbol](const daily_summary& day) {
              if (day.last > 0)
                state->marks[symbol] = day.last;
              state->arrive();
            },
            [state](caf::error&) { state->arrive(); });
  }
  state->arrive();
}

} // namespace bourse::net::api
