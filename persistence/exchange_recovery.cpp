#include "persistence/exchange_recovery.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

namespace bourse {
namespace {

using recovery_task = std::function<pg_expected<void>(pg_connection&)>;

/// `task`, adding the time it ran to `spent` (ns).
recovery_task timed(std::atomic<std::int64_t>& spent, recovery_task task) {
  return [&spent, task = std::move(task)](pg_connection& c) {
    const auto start = std::chrono::steady_clock::now();
    auto done = task(c);
    spent += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
                 .count();
    return done;
  };
}

/// Runs `tasks` on `workers` threads, each with its own connection; the first error wins and stops
/// the others from taking new tasks.
pg_expected<void> run_tasks(std::string_view conninfo, const std::vector<recovery_task>& tasks,
                            unsigned workers) {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::optional<pg_error> failure;
  auto fail = [&](pg_error e) {
    std::lock_guard lock{mutex};
    if (!failure)
      failure = std::move(e);
    next = tasks.size();
  };
  auto work = [&] {
    auto conn = pg_connection::open(conninfo);
    if (!conn)
      return fail(conn.error());
    for (auto i = next++; i < tasks.size(); i = next++)
      if (auto done = tasks[i](*conn); !done)
        return fail(done.error());
  };
  {
    std::vector<std::jthread> threads;
    for (unsigned w = 1; w < std::max(workers, 1U); ++w)
      threads.emplace_back(work);
    work();
  }
  if (failure)
    return *failure;
  return {};
}

} // namespace

pg_expected<recovered_exchange> recover_exchange(std::string_view conninfo,
                                                 const instrument_table& instruments, risk_limits limits,
                                                 const market_data_recovery_config& md, unsigned workers) {
  const auto started = std::chrono::steady_clock::now();
  auto conn = pg_connection::open(conninfo);
  if (!conn)
    return conn.error();
  auto symbols = load_journaled_symbols(*conn);
  if (!symbols)
    return symbols.error();
  recovered_exchange out;
  std::vector<std::shared_ptr<book_state>> books(symbols->size());
  std::vector<recovery_task> tasks;
  std::atomic<std::int64_t> books_ns{0};
  std::atomic<std::int64_t> md_ns{0};
  tasks.emplace_back([&](pg_connection& c) -> pg_expected<void> {
    auto accounts = recover_accounts(c, instruments, limits);
    if (!accounts)
      return accounts.error();
    out.accounts = std::move(*accounts);
    return {};
  });
  for (std::size_t i = 0; i < symbols->size(); ++i) {
    const auto inst = instruments.find((*symbols)[i]);
    if (inst == instruments.end())
      return pg_error{reason_code::persistence_failed, {}, "journal of unknown symbol " + (*symbols)[i]};
    tasks.push_back(
        timed(books_ns, [&books, i, &rules = inst->second](pg_connection& c) -> pg_expected<void> {
          auto book = recover_book(c, rules);
          if (!book)
            return book.error();
          books[i] = std::move(*book);
          return {};
        }));
  }
  // Market data needs the book only for its depth, taken at the end: its replay runs beside the
  // accounts instead of after them.
  std::vector<std::shared_ptr<market_data_state>> states(instruments.size());
  std::size_t i = 0;
  for (const auto& [symbol, rules] : instruments) {
    tasks.push_back(timed(md_ns, [&states, &md, i, &symbol](pg_connection& c) -> pg_expected<void> {
      auto state = recover_symbol_market_data(c, symbol, nullptr, md);
      if (!state)
        return state.error();
      states[i] = std::move(*state);
      return {};
    }));
    ++i;
  }
  if (auto done = run_tasks(conninfo, tasks, workers); !done)
    return done.error();
  for (std::size_t b = 0; b < books.size(); ++b)
    out.books.emplace((*symbols)[b], std::move(books[b]));
  log_books(out.books, std::chrono::nanoseconds{books_ns.load()});
  i = 0;
  for (const auto& [symbol, rules] : instruments) {
    if (const auto book = out.books.find(symbol); book != out.books.end())
      take_depth(*states[i], *book->second, md.depth);
    out.market_data.emplace(symbol, std::move(states[i++]));
  }
  log_market_data(out.market_data, std::chrono::nanoseconds{md_ns.load()});
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  spdlog::info("recovery: books, accounts and market data rebuilt on {} threads in {} ms", workers,
               elapsed.count());
  return out;
}

} // namespace bourse
