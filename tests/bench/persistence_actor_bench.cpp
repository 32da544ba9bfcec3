// Durable orders through the persistence actor (group commit, synchronous_commit = on, fsync on,
// private cluster on this machine): closed-loop throughput, and ack latency at a paced 50k orders/s.
// Also: recovery time of books, accounts and market data with 100k open orders and 1M executions
// in their journals.
// One order = the four rows the order path journals: the account's PLACE entry, the book's SUBMIT
// command and ACCEPTED event, and the account's REPORT entry for it.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "persistence/account_checkpoint.hpp"
#include "persistence/account_journal.hpp"
#include "persistence/batch_writer.hpp"
#include "persistence/book_journal.hpp"
#include "persistence/book_recovery.hpp"
#include "persistence/book_snapshot_codec.hpp"
#include "persistence/exchange_recovery.hpp"
#include "persistence/journal_rows.hpp"
#include "persistence/migrations.hpp"
#include "persistence/persistence_actor.hpp"
#include "tests/support/private_postgres.hpp"

namespace bourse {
namespace {

using bench_clock = std::chrono::steady_clock;

test::private_postgres& postgres() {
  static test::private_postgres cluster{true};
  return cluster;
}

/// A migrated, empty database.
std::string fresh_database() {
  auto info = postgres().create_database();
  auto conn = pg_connection::open(info).value();
  (void)apply_migrations(conn, bundled_migrations_dir()).value();
  return info;
}

/// The rows of order `n` of book `symbol` and account `account`.
persist_request order_rows(const std::string& symbol, account_id account, sequence n) {
  persist_request r;
  r.symbol = symbol;
  r.account = account;
  r.refusable = false;
  order_request order{
      .owner = account, .client_ref = n, .price = 10'000 + static_cast<cents>(n % 100), .qty = 100};
  r.commands.push_back(book_command{
      .kind = book_command_kind::submit, .cmd_seq = n, .last_seq = n, .time = 1, .request = order});
  r.events.push_back(book_event{.kind = book_event_kind::accepted,
                                .seq = n,
                                .time = 1,
                                .order = n,
                                .owner = account,
                                .client_ref = n,
                                .price = order.price,
                                .qty = 100,
                                .remaining = 100});
  account_entry place;
  place.seq = 2 * n - 1;
  place.time = 1;
  place.order.client_order_id = n;
  place.order.symbol = symbol;
  place.order.price = order.price;
  place.order.qty = 100;
  account_entry report;
  report.kind = account_entry_kind::report;
  report.seq = 2 * n;
  report.time = 1;
  report.symbol = symbol;
  report.book_seq = n;
  r.entries = {place, report};
  return r;
}

struct system_under_test {
  explicit system_under_test(std::size_t batch_rows = 4096,
                             std::chrono::microseconds max_delay = std::chrono::microseconds(1000))
      : sys(cfg) {
    persistence_config pc;
    pc.commit.conninfo = fresh_database();
    pc.commit.max_pending_rows = 1 << 20;
    pc.commit.max_batch_rows = batch_rows;
    pc.commit.max_delay = max_delay;
    persistence = spawn_persistence(sys, pc);
  }
  /// Waits for `done` to reach `target`, then stops the persistence actor.
  void finish(std::atomic<int>& done, int target) {
    while (done.load() < target)
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    caf::anon_send_exit(persistence, caf::exit_reason::user_shutdown);
    sys.await_all_actors_done();
  }
  caf::actor_system_config cfg;
  caf::actor_system sys;
  persistence_actor persistence;
};

/// Closed loop: `senders` actors each keep `window` orders in flight until 100k orders are durable;
/// batches close at `batch_rows` rows.
void durable_orders_per_second(benchmark::State& state) {
  const auto senders = static_cast<int>(state.range(0));
  const auto batch_rows = static_cast<std::size_t>(state.range(1));
  const std::size_t window = 1024;
  const sequence per_sender = 100'000 / static_cast<sequence>(senders);
  for (auto _ : state) {
    system_under_test sut{batch_rows};
    std::atomic<int> finished{0};
    const auto start = bench_clock::now();
    for (int s = 0; s < senders; ++s)
      sut.sys.spawn(
          [&](caf::event_based_actor* self, int s) -> caf::behavior {
            // (not "S" + to_string: GCC 12 warns falsely on it, -Wrestrict, GCC bug 105329)
            std::string symbol{"S"};
            symbol += std::to_string(s);
            auto next = std::make_shared<sequence>(1);
            auto acked = std::make_shared<sequence>(0);
            auto send_next = [=, p = sut.persistence] {
              self->send(p, atoms::persist::value,
                         order_rows(symbol, static_cast<account_id>(s + 1), (*next)++));
            };
            for (std::size_t i = 0; i < window && *next <= per_sender; ++i)
              send_next();
            return {[=, &finished](durable_ack& ack) {
              if (ack.reason != reason_code::none)
                throw std::runtime_error("not durable");
              if (++*acked == per_sender) {
                ++finished;
                self->quit();
              } else if (*next <= per_sender) {
                send_next();
              }
            }};
          },
          s);
    sut.finish(finished, senders);
    const double seconds = std::chrono::duration<double>(bench_clock::now() - start).count();
    state.SetIterationTime(seconds);
    state.counters["orders_per_s"] = static_cast<double>(per_sender * senders) / seconds;
  }
}

/// Open loop at `rate` orders/s in 1 ms bursts for 3 s, batches closing `max_delay_us` after their
/// first request (or at 4096 rows); ack latency per order.
void ack_latency(benchmark::State& state) {
  const auto rate = state.range(0);
  const std::chrono::microseconds max_delay{state.range(1)};
  const std::int64_t per_ms = rate / 1000;
  const std::int64_t total = rate * 3;
  for (auto _ : state) {
    system_under_test sut{4096, max_delay};
    std::vector<bench_clock::time_point> sent(static_cast<std::size_t>(total));
    std::vector<double> latency_us;
    latency_us.reserve(static_cast<std::size_t>(total));
    std::atomic<int> finished{0};
    auto receiver = sut.sys.spawn(
        [&](caf::event_based_actor* self, std::int64_t expected) -> caf::behavior {
          return {[&, self, expected](durable_ack&) {
            const auto i = latency_us.size();
            latency_us.push_back(
                std::chrono::duration<double, std::micro>(bench_clock::now() - sent[i]).count());
            if (static_cast<std::int64_t>(latency_us.size()) == expected) {
              ++finished;
              self->quit();
            }
          }};
        },
        total);
    const auto start = bench_clock::now();
    for (std::int64_t n = 0; n < total; ++n) {
      if (n % per_ms == 0)
        std::this_thread::sleep_until(start + std::chrono::milliseconds(n / per_ms));
      auto rows = order_rows("LAT", 1, static_cast<sequence>(n + 1));
      sent[static_cast<std::size_t>(n)] = bench_clock::now();
      caf::send_as(receiver, sut.persistence, atoms::persist::value, std::move(rows));
    }
    sut.finish(finished, 1);
    state.SetIterationTime(std::chrono::duration<double>(bench_clock::now() - start).count());
    std::sort(latency_us.begin(), latency_us.end());
    auto at = [&](double q) {
      return latency_us[static_cast<std::size_t>(q * static_cast<double>(total - 1))];
    };
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
    state.counters["max_us"] = latency_us.back();
  }
}

/// A journaled market: 1000 accounts (cash and shares deposited) trading 4 books; per symbol
/// `executions` / 4 trades (a sell sweeping 100 resting bids at a time) and `open` / 4 bids left
/// resting. Every order goes through the account (PLACE entry) and the book (SUBMIT command), and
/// every event back to its accounts (REPORT entries), as the order path journals them; book_events
/// and executions are written too. Built once for every recovery benchmark.
struct recovery_journal {
  std::string conninfo;
  instrument_table instruments;
  std::uint64_t book_hash = 0;    ///< XOR of the books' state hashes
  std::uint64_t account_hash = 0; ///< XOR of the accounts' state hashes
};

/// An account journal entry of `kind` on `symbol` for `amount` (the other fields zero).
account_entry entry_of(account_entry_kind kind, const std::string& symbol, std::int64_t amount) {
  account_entry entry;
  entry.kind = kind;
  entry.symbol = symbol;
  entry.amount = amount;
  return entry;
}

const recovery_journal& journal(std::int64_t open, std::int64_t executions) {
  static const recovery_journal built = [&] {
    recovery_journal out;
    out.conninfo = fresh_database();
    auto conn = pg_connection::open(out.conninfo).value();
    const std::vector<std::string> symbols{"RA", "RB", "RC", "RD"};
    for (const auto& symbol : symbols) {
      instrument inst;
      inst.symbol = symbol;
      inst.reference_price = 10'000;
      out.instruments.emplace(symbol, inst);
    }
    journal_tables tables;
    batch_writer writer{conn};
    auto flush = [&](std::size_t above) {
      if (tables.size() < above)
        return;
      (void)writer.write(tables.tables()).value();
      tables.clear();
    };
    std::map<account_id, account_actor_state> accounts;
    const sequence checkpoint_every = account_actor_config{}.checkpoint_every;
    auto record = [&](account_actor_state& st, account_entry entry, const book_event* event) {
      entry.seq = ++st.journaled;
      entry.result = apply_entry(st, out.instruments, entry, event).reason;
      persist_request request;
      request.account = st.acc.id();
      request.entries = {std::move(entry)};
      if (st.journaled % checkpoint_every == 0) // as the account actor writes them (account_checkpoint.hpp)
        request.checkpoints = {account_checkpoint{st.acc.id(), st.journaled, encode_checkpoint(st)}};
      tables.append(request);
      return request.entries.front().result;
    };
    for (account_id id = 1; id <= 1'000; ++id) {
      auto& st = accounts.try_emplace(id, id).first->second;
      record(st, entry_of(account_entry_kind::deposit, {}, 1'000'000'000'000), nullptr);
      for (const auto& symbol : symbols)
        record(st, entry_of(account_entry_kind::issue, symbol, 100'000), nullptr);
    }
    std::uint64_t ref = 0;
    const sequence snapshot_every = book_actor_config{}.snapshot_every;
    for (const auto& symbol : symbols) {
      book_state st{out.instruments.at(symbol)};
      auto& book = st.book;
      std::vector<book_event> events;
      auto run = [&](side s, cents price, quantity qty) {
        const account_id owner = 1 + ref % 1'000;
        auto place = entry_of(account_entry_kind::place, {}, 0);
        place.order.client_order_id = ++ref;
        place.order.symbol = symbol;
        place.order.order_side = s;
        place.order.price = price;
        place.order.qty = qty;
        const auto order = place.order;
        if (record(accounts.at(owner), place, nullptr) != reason_code::none)
          throw std::runtime_error("bench account refused an order");
        book_command c;
        c.time = static_cast<timestamp_ns>(st.journaled);
        c.request = to_request(owner, order);
        events.clear();
        const auto id = execute(book, c, events);
        st.replies.try_emplace({owner, c.request.client_ref}, book_reply{id, submit_verdict(events)});
        c.cmd_seq = ++st.journaled;
        c.last_seq = book.last_sequence();
        persist_request request;
        request.symbol = symbol;
        request.commands = {c};
        request.events = events;
        if (st.journaled % snapshot_every == 0) // as the book actor writes them (book_snapshot_codec.hpp)
          request.book_snapshots = {book_snapshot_record{symbol, st.journaled, encode_book_snapshot(st)}};
        tables.append(request);
        for (const auto& e : events) {
          auto report = entry_of(account_entry_kind::report, symbol, 0);
          report.book_seq = e.seq;
          record(accounts.at(e.owner), report, &e);
          if (e.kind == book_event_kind::fill && e.maker_owner != e.owner)
            record(accounts.at(e.maker_owner), report, &e);
        }
        flush(50'000);
      };
      const auto per_symbol = executions / static_cast<std::int64_t>(symbols.size());
      for (std::int64_t done = 0; done < per_symbol; done += 100) {
        for (int i = 0; i < 100; ++i)
          run(side::buy, 10'000, 10);
        run(side::sell, 10'000, 1'000);
      }
      for (std::int64_t i = 0; i < open / static_cast<std::int64_t>(symbols.size()); ++i)
        run(side::buy, 9'000 + i % 1'000, 10);
      out.book_hash ^= book.state_hash();
    }
    flush(0);
    for (const auto& [id, st] : accounts)
      out.account_hash ^= state_hash(st.acc);
    (void)conn.exec("VACUUM ANALYZE").value();
    return out;
  }();
  return built;
}

/// Times recover_books alone (one thread, one connection): the books of journal().
void book_recovery_time(benchmark::State& state) {
  const auto& j = journal(state.range(0), state.range(1));
  auto conn = pg_connection::open(j.conninfo).value();
  for (auto _ : state) {
    const auto start = bench_clock::now();
    auto books = recover_books(conn, j.instruments).value();
    state.SetIterationTime(std::chrono::duration<double>(bench_clock::now() - start).count());
    std::uint64_t hash = 0;
    for (const auto& [symbol, book] : books)
      hash ^= book->book.state_hash();
    if (hash != j.book_hash)
      state.SkipWithError("recovered state differs");
  }
}

/// Times what bourse-node runs at start (recover_exchange: books, accounts and market data) on
/// `range(2)` threads; with `range(3)` 0 the account checkpoints and book snapshots are deleted first
/// (full replay, as before both: run last).
void exchange_recovery_time(benchmark::State& state) {
  const auto& j = journal(state.range(0), state.range(1));
  if (state.range(3) == 0)
    (void)pg_connection::open(j.conninfo)
        .value()
        .exec("DELETE FROM account_checkpoints; DELETE FROM book_snapshots")
        .value();
  for (auto _ : state) {
    const auto start = bench_clock::now();
    auto recovered =
        recover_exchange(j.conninfo, j.instruments, {}, {}, static_cast<unsigned>(state.range(2)));
    state.SetIterationTime(std::chrono::duration<double>(bench_clock::now() - start).count());
    if (!recovered) {
      state.SkipWithError(recovered.error().message.c_str());
      return;
    }
    std::uint64_t books = 0;
    for (const auto& [symbol, book] : recovered->books)
      books ^= book->book.state_hash();
    std::uint64_t accounts = 0;
    for (const auto& [id, st] : recovered->accounts.accounts)
      accounts ^= state_hash(st->acc);
    if (books != j.book_hash || accounts != j.account_hash)
      state.SkipWithError("recovered state differs");
  }
}

BENCHMARK(durable_orders_per_second)
    ->Args({1, 4096})
    ->Args({4, 4096})
    ->Args({4, 16384})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ack_latency)
    ->Args({20'000, 1000})
    ->Args({20'000, 0})
    ->Args({50'000, 1000})
    ->Args({50'000, 0})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

BENCHMARK(book_recovery_time)
    ->Args({100'000, 1'000'000})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(exchange_recovery_time)
    ->Args({100'000, 1'000'000, 1, 1})
    ->Args({100'000, 1'000'000, 2, 1})
    ->Args({100'000, 1'000'000, 2, 0})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace bourse

BENCHMARK_MAIN();
