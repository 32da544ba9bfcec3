// Appending book events to PostgreSQL: COPY (batch_writer) against multi-row INSERT and libpq
// pipeline mode, one transaction per batch, synchronous_commit = on, fsync on, private cluster.

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include "persistence/batch_writer.hpp"
#include "persistence/book_event_rows.hpp"
#include "persistence/migrations.hpp"
#include "tests/support/private_postgres.hpp"

namespace bourse {
namespace {

/// PostgreSQL's limit on the parameters of one statement.
constexpr std::size_t max_parameters = 65'535;

test::private_postgres& postgres() {
  static test::private_postgres cluster{true};
  return cluster;
}

/// A connection to a migrated, empty database, with synchronous_commit on.
pg_connection connect() {
  static const std::string conninfo = [] {
    auto info = postgres().create_database();
    auto conn = pg_connection::open(info).value();
    (void)apply_migrations(conn, bundled_migrations_dir()).value();
    return info;
  }();
  auto conn = pg_connection::open(conninfo).value();
  (void)conn.exec("TRUNCATE book_events; SET synchronous_commit = on").value();
  return conn;
}

/// Fills `rows` with `count` fill events numbered from `next_seq`.
void make_batch(table_rows& rows, std::size_t count, sequence& next_seq) {
  rows.clear();
  for (std::size_t i = 0; i < count; ++i, ++next_seq)
    append_book_event(rows, "ACME",
                      book_event{.kind = book_event_kind::fill,
                                 .seq = next_seq,
                                 .time = 1'700'000'000'000'000'000,
                                 .order = 2 * next_seq,
                                 .owner = 7,
                                 .client_ref = next_seq,
                                 .price = 10'050,
                                 .qty = 100,
                                 .maker_order = 2 * next_seq - 1,
                                 .maker_owner = 8,
                                 .maker_client_ref = next_seq,
                                 .maker_remaining = 300});
}

void check(PGresult* result, PGconn* conn) {
  const pg_rows owned{result};
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_PIPELINE_SYNC)
    throw std::runtime_error(PQerrorMessage(conn));
}

/// INSERT ... VALUES ($1..$k), (...), one statement per at most 65,535 parameters.
void write_insert(pg_connection& conn, const table_rows& rows) {
  const std::size_t width = rows.columns().size();
  const std::size_t per_statement = max_parameters / width;
  const bool chunked = rows.size() > per_statement;
  if (chunked)
    (void)conn.exec("BEGIN").value();
  for (std::size_t first = 0; first < rows.size(); first += per_statement) {
    const std::size_t count = std::min(per_statement, rows.size() - first);
    std::string sql = "INSERT INTO " + rows.table() + " (";
    for (std::size_t c = 0; c < width; ++c)
      sql += (c == 0 ? "" : ", ") + rows.columns()[c];
    sql += ") VALUES ";
    std::vector<const char*> values;
    for (std::size_t r = 0; r < count; ++r) {
      sql += r == 0 ? "(" : ", (";
      for (std::size_t c = 0; c < width; ++c) {
        sql += (c == 0 ? "$" : ", $") + std::to_string(values.size() + 1);
        values.push_back(rows.field(first + r, c));
      }
      sql += ")";
    }
    check(PQexecParams(conn.native(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                       nullptr, nullptr, 0),
          conn.native());
  }
  if (chunked)
    (void)conn.exec("COMMIT").value();
}

/// Pipeline mode: BEGIN, one prepared single-row INSERT per row, COMMIT, one sync, one round trip.
void write_pipeline(pg_connection& conn, const table_rows& rows) {
  PGconn* pg = conn.native();
  const int width = static_cast<int>(rows.columns().size());
  PQsendQueryParams(pg, "BEGIN", 0, nullptr, nullptr, nullptr, nullptr, 0);
  std::vector<const char*> values(static_cast<std::size_t>(width));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (int c = 0; c < width; ++c)
      values[static_cast<std::size_t>(c)] = rows.field(r, static_cast<std::size_t>(c));
    PQsendQueryPrepared(pg, "insert_row", width, values.data(), nullptr, nullptr, 0);
  }
  PQsendQueryParams(pg, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0);
  PQpipelineSync(pg);
  for (std::size_t query = 0; query < rows.size() + 2; ++query) {
    check(PQgetResult(pg), pg);
    if (PQgetResult(pg) != nullptr) // a null result ends each query's results
      throw std::runtime_error("more than one result for a query");
  }
  check(PQgetResult(pg), pg);
}

void prepare_pipeline(pg_connection& conn, const table_rows& rows) {
  std::string sql = "INSERT INTO " + rows.table() + " (";
  std::string params;
  for (std::size_t c = 0; c < rows.columns().size(); ++c) {
    sql += (c == 0 ? "" : ", ") + rows.columns()[c];
    params += (c == 0 ? "$" : ", $") + std::to_string(c + 1);
  }
  sql += ") VALUES (" + params + ")";
  check(PQprepare(conn.native(), "insert_row", sql.c_str(), static_cast<int>(rows.columns().size()), nullptr),
        conn.native());
  if (PQenterPipelineMode(conn.native()) != 1)
    throw std::runtime_error("cannot enter pipeline mode");
}

template <class Write>
void run(benchmark::State& state, Write write) {
  auto conn = connect();
  auto rows = make_book_event_rows();
  sequence next_seq = 1;
  for (auto _ : state) {
    state.PauseTiming();
    make_batch(rows, static_cast<std::size_t>(state.range(0)), next_seq);
    state.ResumeTiming();
    write(conn, rows);
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(next_seq - 1), benchmark::Counter::kIsRate);
}

void bm_copy(benchmark::State& state) {
  std::unique_ptr<batch_writer> writer;
  run(state, [&](pg_connection& conn, const table_rows& rows) {
    if (!writer)
      writer = std::make_unique<batch_writer>(conn);
    (void)writer->write(rows).value();
  });
}

void bm_multi_row_insert(benchmark::State& state) {
  run(state, write_insert);
}

void bm_pipeline(benchmark::State& state) {
  bool prepared = false;
  run(state, [&](pg_connection& conn, const table_rows& rows) {
    if (!std::exchange(prepared, true))
      prepare_pipeline(conn, rows);
    write_pipeline(conn, rows);
  });
}

BENCHMARK(bm_copy)->Arg(1)->Arg(64)->Arg(512)->Arg(4096)->UseRealTime();
BENCHMARK(bm_multi_row_insert)->Arg(1)->Arg(64)->Arg(512)->Arg(4096)->UseRealTime();
BENCHMARK(bm_pipeline)->Arg(1)->Arg(64)->Arg(512)->Arg(4096)->UseRealTime();

} // namespace
} // namespace bourse

BENCHMARK_MAIN();
