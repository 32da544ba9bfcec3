// The orders read model's projection (persistence/order_projector.hpp) over journal rows seeded with
// SQL: per order one SUBMIT, its ACCEPTED and a FILL against the previous order, and its PLACE entry
// (4 journal rows), on 4 books and 100 accounts; fsync on, private cluster. Each iteration projects
// every row from empty cursors in one run. Counter: journal rows per second.
#include "persistence/order_projector.hpp"

#include <benchmark/benchmark.h>

#include "persistence/migrations.hpp"
#include "tests/support/private_postgres.hpp"

namespace bourse {
namespace {

test::private_postgres& postgres() {
  static test::private_postgres cluster{true};
  return cluster;
}

/// `orders` orders per book on books B0..B3.
void seed(pg_connection& conn, std::int64_t orders) {
  conn.exec(R"sql(
INSERT INTO book_commands
SELECT 'B' || b, k, 'SUBMIT', k, 2 * k, 0, k % 100, 4 * k + b, CASE WHEN k % 2 = 0 THEN 'BUY' ELSE 'SELL' END,
       'LIMIT', 'GTC', 10000, 0, 10, 0, 0, false, 'CANCEL_NEWEST', false, 'NONE'
FROM generate_series(0, 3) b, generate_series(1, $1::bigint) k)sql",
            orders)
      .value();
  conn.exec(R"sql(
INSERT INTO book_events
SELECT 'B' || b, 2 * k - 1, 'ACCEPTED', k, k, k % 100, 4 * k + b, 'BUY', 10000, 10, 10, 'NONE', 0, 0, 0, 0
FROM generate_series(0, 3) b, generate_series(1, $1::bigint) k
UNION ALL
SELECT 'B' || b, 2 * k, 'FILL', k, k, k % 100, 4 * k + b, 'BUY', 10000, 4, 6, 'NONE', k - 1, (k - 1) % 100,
       4 * (k - 1) + b,
       CASE WHEN k % 3 = 0 THEN 0 ELSE 2 END
FROM generate_series(0, 3) b, generate_series(2, $1::bigint) k)sql",
            orders)
      .value();
  conn.exec(R"sql(
INSERT INTO account_journal
SELECT k % 100, 4 * (k / 100) + b + 1, 'PLACE', k, 'B' || b, 4 * k + b, 'BUY', 'LIMIT', 'GTC', 10000, 0, 10, 0, 0,
       false, false, k % 7 = 0, 'CANCEL_NEWEST', 'NONE', 0, 0
FROM generate_series(0, 3) b, generate_series(1, $1::bigint) k)sql",
            orders)
      .value();
  conn.exec("ANALYZE").value();
}

void project_from_empty(benchmark::State& state) {
  const auto orders = state.range(0);
  auto conn = pg_connection::open(postgres().create_database()).value();
  if (!apply_migrations(conn, bundled_migrations_dir()))
    state.SkipWithError("migrations");
  seed(conn, orders);
  order_projector projector{conn, 1'000'000};
  std::int64_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    conn.exec("TRUNCATE orders, order_projection_cursors, order_projection_accounts, order_projection_margin")
        .value();
    state.ResumeTiming();
    const auto stats = projector.run();
    if (!stats || stats->inserted != 4 * orders) {
      state.SkipWithError("projection failed");
      break;
    }
    rows += stats->commands + stats->events + stats->entries;
  }
  state.counters["journal_rows"] = static_cast<double>(rows) / static_cast<double>(state.iterations());
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(project_from_empty)->Arg(6'250)->Arg(25'000)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace
} // namespace bourse

BENCHMARK_MAIN();
