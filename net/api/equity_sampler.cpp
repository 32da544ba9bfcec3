#include "net/api/equity_sampler.hpp"

#include "actors/common/checked_math.hpp"
#include "actors/common/utc_clock.hpp"
#include "net/api/account_views.hpp"
#include "net/api/marks.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/sec.hpp>
#include <spdlog/spdlog.h>

#include <stdexcept>
#include <unordered_map>

namespace bourse::net::api {
namespace {

struct sampler_state {
  std::shared_ptr<placement> where;
  std::shared_ptr<const instrument_registry> instruments;
  std::shared_ptr<const account_store> accounts;
  std::unique_ptr<pg_link> link;
  std::unique_ptr<pg_equity_store> store;
  equity_sampler_config cfg;
  std::unordered_map<account_id, equity_sample> last; ///< the newest sample written per account
  std::chrono::steady_clock::time_point next_prune{};
};

/// The samples of `views` at `now` that differ from the last ones written.
std::vector<equity_sample> changed_samples(const sampler_state& st, const std::vector<account_view>& views,
                                           timestamp_ns now) {
  std::vector<equity_sample> out;
  for (const auto& v : views) {
    const equity_sample sample{v.id, now, v.equity, saturating_add(v.cash_free, v.cash_reserved)};
    const auto last = st.last.find(v.id);
    if (last == st.last.end() || last->second.equity != sample.equity || last->second.cash != sample.cash)
      out.push_back(sample);
  }
  return out;
}

/// Writes the changed samples of `views`; the number written, or nullopt when the database failed.
std::optional<std::int64_t> write(sampler_state& st, const std::vector<account_view>& views) {
  auto samples = changed_samples(st, views, utc_now_ns());
  try {
    st.store->append(samples);
    if (const auto now = std::chrono::steady_clock::now(); now >= st.next_prune) {
      const auto cutoff = std::chrono::duration_cast<std::chrono::nanoseconds>(st.cfg.retention).count();
      st.store->prune(utc_now_ns() - cutoff);
      st.next_prune = now + std::chrono::hours(1);
    }
  } catch (const std::runtime_error& e) {
    spdlog::warn("equity sampler: {} samples not written: {}", samples.size(), e.what());
    return std::nullopt;
  }
  for (const auto& s : samples)
    st.last[s.account] = s;
  return static_cast<std::int64_t>(samples.size());
}

/// Values every account and calls `then` with the number of samples written (nullopt: not written).
void sample(caf::event_based_actor* self, const std::shared_ptr<sampler_state>& st,
            std::function<void(std::optional<std::int64_t>)> then) {
  request_marks(
      self, *st->where, st->instruments->current(), st->cfg.timeout, [self, st, then](mark_prices marks) {
        gather_account_views(self, *st->where, st->instruments->current(), *st->accounts, marks,
                             st->cfg.timeout, st->cfg.max_accounts,
                             [st, then](std::vector<account_view> views) { then(write(*st, views)); });
      });
}

caf::behavior equity_sampler(caf::event_based_actor* self, std::shared_ptr<sampler_state> st) {
  if (st->cfg.interval.count() > 0)
    self->send(self, caf::tick_atom::value);
  return {
      [self, st](caf::tick_atom) {
        sample(self, st, [self, st](std::optional<std::int64_t>) {
          self->delayed_send(self, st->cfg.interval, caf::tick_atom::value);
        });
      },
      [self, st](caf::get_atom) {
        auto promise = self->make_response_promise<std::int64_t>();
        sample(self, st, [promise](std::optional<std::int64_t> written) mutable {
          if (written)
            promise.deliver(*written);
          else
            promise.deliver(caf::make_error(caf::sec::runtime_error));
        });
        return promise;
      },
  };
}

} // namespace

caf::actor spawn_equity_sampler(caf::actor_system& sys, const exchange& ex, const std::string& conninfo,
                                equity_sampler_config cfg) {
  auto st = std::make_shared<sampler_state>();
  st->where = ex.where;
  st->instruments = ex.instruments;
  st->accounts = ex.accounts;
  st->link = std::make_unique<pg_link>(conninfo);
  st->store = std::make_unique<pg_equity_store>(*st->link);
  st->cfg = cfg;
  return sys.spawn<caf::detached>(equity_sampler, std::move(st));
}

} // namespace bourse::net::api
