#include "net/api/account_views.hpp"

#include "actors/account/valuation.hpp"

#include <memory>

namespace bourse::net::api {

void gather_account_views(caf::event_based_actor* self, const placement& where,
                          const instrument_table& instruments, const account_store& accounts,
                          const mark_prices& marks, std::chrono::milliseconds timeout,
                          std::size_t max_accounts, std::function<void(std::vector<account_view>)> done) {
  struct pending_views {
    std::vector<account_view> views;
    std::size_t left = 1;
    std::function<void(std::vector<account_view>)> done;
  };
  auto state = std::make_shared<pending_views>();
  state->done = std::move(done);
  auto arrive = [state] {
    if (--state->left == 0)
      state->done(std::move(state->views));
  };
  std::vector<account_actor> running;
  where.with_accounts_still([&](const std::function<account_actor(account_id)>& running_actor) {
    for (const auto& [id, checkpoint] : accounts.all()) {
      if (state->views.size() + running.size() == max_accounts)
        break;
      if (auto handle = running_actor(id))
        running.push_back(std::move(handle));
      else
        state->views.push_back(value_account(*checkpoint, instruments, marks));
    }
  });
  for (const auto& account : running) {
    ++state->left;
    self->request(account, timeout, caf::get_atom::value, atoms::view::value, marks)
        .then([state, arrive](account_view& v) { state->views.push_back(std::move(v)), arrive(); },
              [arrive](caf::error&) { arrive(); });
  }
  arrive();
}

} // namespace bourse::net::api
