// 1,000 concurrent auctions with 20 bidders each in one process on the real scheduler, over the node's
// bank path (spawn_account_bank and one trading account actor per bidder and seller, without
// persistence): bid-to-broadcast latency (a bidder's request until it receives the BID event of its
// own accepted bid) and timer drift at close (the ENDED event's time minus the lot's end time, as the
// auction actor saw it).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <queue>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/auction/account_bank.hpp"
#include "actors/auction/auction_actor.hpp"
#include "actors/runtime/exchange.hpp"
#include "actors/runtime/message_types.hpp"

namespace bourse {
namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

constexpr int bidders_per_auction = 20;
constexpr int max_bids_per_bidder = 8;               // under the 10 bids/minute limit
constexpr timestamp_ns duration_ns = 10'000'000'000; // 10 s lots
constexpr timestamp_ns window_ns = 1'000'000'000;    // soft close: 1 s window, 1 s extension
constexpr auto think_min = 1'000ms;                  // a bidder thinks 1..3 s between bids
constexpr auto think_max = 3'000ms;
constexpr auto pacer_period = 2ms; // think timers fire on the pacer's 2 ms grid
constexpr cents starting_cash = 10'000'000;
using think_atom = caf::atom_constant<caf::atom("think")>;
using after_atom = caf::atom_constant<caf::atom("after")>;
using pace_atom = caf::atom_constant<caf::atom("pace")>;

/// The bidders' think timers, as the clients' own clocks would be: one actor with one periodic
/// tick instead of a delayed_send per bidder (which would load the node's actor clock with the
/// load generator's timers). A bidder sends (after, ms); the pacer sends it `think` when due.
caf::behavior pacer(caf::event_based_actor* self) {
  using due = std::pair<steady::time_point, caf::actor>;
  auto cmp = [](const due& a, const due& b) { return a.first > b.first; };
  auto queue = std::make_shared<std::priority_queue<due, std::vector<due>, decltype(cmp)>>(cmp);
  self->delayed_send(self, pacer_period, pace_atom::value);
  return {
      [=](after_atom, std::int64_t ms) {
        queue->emplace(steady::now() + std::chrono::milliseconds{ms},
                       caf::actor_cast<caf::actor>(self->current_sender()));
      },
      [=](pace_atom) {
        const auto now = steady::now();
        while (!queue->empty() && queue->top().first <= now) {
          self->send(queue->top().second, think_atom::value);
          queue->pop();
        }
        self->delayed_send(self, pacer_period, pace_atom::value);
      },
  };
}

/// Samples from every bidder and the number of bidders that saw their lot end.
struct collector {
  std::mutex mutex;
  std::condition_variable done_cv;
  std::vector<std::int64_t> latency_ns;
  std::vector<std::int64_t> drift_ns;
  int done = 0;

  void finish(std::vector<std::int64_t>&& latencies, const auction_event* ended) {
    std::lock_guard guard{mutex};
    latency_ns.insert(latency_ns.end(), latencies.begin(), latencies.end());
    if (ended != nullptr)
      drift_ns.push_back(ended->time - ended->end_time);
    ++done;
    done_cv.notify_all();
  }
};

struct bidder_state {
  account_id me = 0;
  auction_event last;
  int bids = 0;
  cents pending_price = 0;
  steady::time_point sent;
  std::vector<std::int64_t> latencies;
  std::minstd_rand rng;
};

caf::behavior bidder(caf::event_based_actor* self, auction_actor lot, caf::actor pace, account_id me,
                     bool reports_drift, std::shared_ptr<collector> out) {
  auto st = std::make_shared<bidder_state>();
  st->me = me;
  st->rng.seed(static_cast<unsigned>(me));
  auto think = [self, st, pace] {
    std::uniform_int_distribution<std::int64_t> d{think_min.count(), think_max.count()};
    self->send(pace, after_atom::value, d(st->rng));
  };
  return {
      [=](const auction_event& ev) {
        st->last = ev;
        if (ev.kind == auction_event_kind::state && ev.state == auction_state::running)
          think();
        if (ev.kind == auction_event_kind::bid && ev.high_bidder == me &&
            ev.high_price == st->pending_price) {
          st->latencies.push_back((steady::now() - st->sent).count());
          st->pending_price = 0;
        }
        if (ev.kind == auction_event_kind::ended) {
          out->finish(std::move(st->latencies), reports_drift ? &ev : nullptr);
          self->quit();
        }
      },
      [=](think_atom) {
        const auto& ev = st->last;
        if (ev.state != auction_state::running || st->bids >= max_bids_per_bidder)
          return;
        think();
        if (ev.high_bidder == me || st->pending_price != 0)
          return;
        ++st->bids;
        st->pending_price = ev.min_next_bid;
        st->sent = steady::now();
        self->request(lot, 5s, auction_atoms::bid::value, me, ev.min_next_bid)
            .then(
                [=](const bid_reply& r) {
                  if (r.reason != reason_code::none)
                    st->pending_price = 0;
                },
                [=](caf::error&) { st->pending_price = 0; });
      },
  };
}

std::int64_t percentile(std::vector<std::int64_t>& xs, double p) {
  if (xs.empty())
    return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(xs.size() - 1));
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(k), xs.end());
  return xs[k];
}

struct bench_config : caf::actor_system_config {
  bench_config() {
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
    add_auction_message_types(*this);
  }
};

/// The sum of free and reserved cash over `ids`, read from their account actors.
cents cash_total(caf::scoped_actor& self, placement& where, account_id first, account_id last) {
  cents total = 0;
  for (account_id id = first; id < last; ++id)
    self->request(where.account(id), 30s, caf::get_atom::value, atoms::view::value)
        .receive([&](const account_view& v) { total += v.cash_free + v.cash_reserved; }, [](caf::error&) {});
  return total;
}

void BM_auctions_x20(benchmark::State& state) {
  const auto auctions = static_cast<int>(state.range(0));
  for (auto _ : state) {
    bench_config cfg;
    caf::actor_system sys{cfg};
    exchange_config ex_cfg;
    ex_cfg.starting_cash = starting_cash;
    instrument lot_shares;
    lot_shares.symbol = "LOT";
    lot_shares.name = "Lot";
    lot_shares.reference_price = 10'000;
    auto ex = build_exchange(sys, {lot_shares}, ex_cfg);
    caf::scoped_actor self{sys};
    const account_id first_bidder = 10'000;
    const auto bidders = static_cast<account_id>(auctions * bidders_per_auction);
    for (int a = 0; a < auctions; ++a) // sellers 1..N, each with 100 LOT shares
      self->request(ex.where->account(1 + a), 30s, atoms::deposit::value, std::string{"LOT"}, quantity{100})
          .receive([](reason_code) {}, [](caf::error&) {});
    for (account_id id = first_bidder; id < first_bidder + bidders; ++id)
      ex.where->account(id); // every bidder's account actor runs before the first bid
    auto bank = spawn_account_bank(sys, ex.where);
    auto pace = sys.spawn(pacer);
    auto out = std::make_shared<collector>();
    std::vector<auction_actor> lots;
    for (int a = 0; a < auctions; ++a) {
      lot_definition lot{.id = static_cast<lot_id>(1 + a),
                         .title = "lot",
                         .description = {},
                         .image_url = {},
                         .auctioneer = static_cast<account_id>(1 + a),
                         .seller = static_cast<account_id>(1 + a),
                         .kind = lot_kind::shares,
                         .symbol = "LOT",
                         .qty = 100,
                         .item_ref = {},
                         .start_price = 10'000,
                         .increment = 100,
                         .brackets = {},
                         .reserve_price = 0,
                         .duration_ns = duration_ns,
                         .extension_window_ns = window_ns,
                         .extension_ns = window_ns};
      auto rules = std::make_shared<auction_rules>(lot, 0);
      auto h = spawn_auction(sys, rules, bank);
      lots.push_back(h);
      for (int b = 0; b < bidders_per_auction; ++b) {
        auto who = first_bidder + static_cast<account_id>(a * bidders_per_auction + b);
        auto actor = sys.spawn(bidder, h, pace, who, b == 0, out);
        caf::anon_send(h, atoms::subscribe::value, caf::actor_cast<auction_subscriber>(actor));
      }
    }
    for (int a = 0; a < auctions; ++a)
      self->request(lots[static_cast<std::size_t>(a)], 5s, auction_atoms::start::value, account_id(1 + a))
          .receive([](reason_code) {}, [](caf::error&) {});
    {
      std::unique_lock lock{out->mutex};
      out->done_cv.wait_for(lock, 120s, [&] { return out->done == auctions * bidders_per_auction; });
    }
    {
      std::lock_guard guard{out->mutex};
      state.counters["bids"] = static_cast<double>(out->latency_ns.size());
      state.counters["lat_p50_us"] = static_cast<double>(percentile(out->latency_ns, 0.50)) / 1e3;
      state.counters["lat_p99_us"] = static_cast<double>(percentile(out->latency_ns, 0.99)) / 1e3;
      state.counters["lat_max_us"] = static_cast<double>(percentile(out->latency_ns, 1.0)) / 1e3;
      state.counters["drift_p50_us"] = static_cast<double>(percentile(out->drift_ns, 0.50)) / 1e3;
      state.counters["drift_p99_us"] = static_cast<double>(percentile(out->drift_ns, 0.99)) / 1e3;
      state.counters["drift_max_us"] = static_cast<double>(percentile(out->drift_ns, 1.0)) / 1e3;
      state.counters["closed"] = static_cast<double>(out->drift_ns.size());
    }
    const cents total = cash_total(self, *ex.where, 1, 1 + static_cast<account_id>(auctions)) +
                        cash_total(self, *ex.where, first_bidder, first_bidder + bidders);
    state.counters["cash_imbalance"] = static_cast<double>(
        total - (static_cast<cents>(auctions) + static_cast<cents>(bidders)) * starting_cash);
    for (auto& h : lots)
      caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bank, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(pace, caf::exit_reason::user_shutdown);
    shutdown(ex);
  }
}
BENCHMARK(BM_auctions_x20)->Arg(1'000)->Arg(100)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
} // namespace bourse

BENCHMARK_MAIN();
