#include "persistence/batch_writer.hpp"

#include <algorithm>
#include <utility>

#include <libpq-fe.h>

namespace bourse {

pg_expected<void> batch_writer::write(const table_rows& rows) {
  const table_rows* tables[] = {&rows};
  return write(tables);
}

pg_expected<void> batch_writer::write(std::span<const table_rows* const> tables) {
  if (auto configured = ensure_synchronous_commit(); !configured)
    return configured.error();
  std::size_t statements = 0;
  for (const auto* rows : tables)
    statements += rows->skips_duplicates()
                      ? (rows->size() + rows->max_insert_rows() - 1) / rows->max_insert_rows()
                      : !rows->empty();
  // One statement is a transaction of its own: it needs no BEGIN/COMMIT round trips.
  const bool in_transaction = statements > 1;
  bool begun = false;
  for (const auto* rows : tables) {
    if (rows->empty())
      continue;
    const bool begin = in_transaction && !std::exchange(begun, true);
    auto written = rows->skips_duplicates() ? insert(*rows, begin) : copy(*rows, begin);
    if (!written)
      return conn_.rollback_after(written.error());
  }
  if (!in_transaction)
    return {};
  if (auto committed = conn_.exec("COMMIT"); !committed)
    return conn_.rollback_after(committed.error());
  return {};
}

pg_expected<void> batch_writer::ensure_synchronous_commit() {
  if (configured_)
    return {};
  if (auto set = conn_.exec("SET synchronous_commit = on"); !set)
    return set.error();
  configured_ = true;
  return {};
}

pg_expected<void> batch_writer::copy(const table_rows& rows, bool begin_transaction) {
  PGconn* conn = conn_.native();
  const auto sql = (begin_transaction ? "BEGIN; " : "") + rows.copy_statement();
  const pg_rows started{PQexec(conn, sql.c_str())};
  if (PQresultStatus(started.native()) != PGRES_COPY_IN)
    return conn_.error(started.native());
  buffer_.clear();
  rows.append_copy_text(buffer_);
  const bool sent = PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size())) == 1 &&
                    PQputCopyEnd(conn, nullptr) == 1;
  pg_expected<void> outcome;
  for (pg_rows result{PQgetResult(conn)}; result.native() != nullptr; result = pg_rows{PQgetResult(conn)})
    if (PQresultStatus(result.native()) != PGRES_COMMAND_OK && outcome)
      outcome = conn_.error(result.native());
  if (!sent && outcome)
    outcome = conn_.error();
  return outcome;
}

pg_expected<void> batch_writer::insert(const table_rows& rows, bool begin_transaction) {
  if (begin_transaction)
    if (auto begun = conn_.exec("BEGIN"); !begun)
      return begun.error();
  const auto columns = rows.columns().size();
  for (std::size_t first = 0; first < rows.size(); first += rows.max_insert_rows()) {
    const auto count = std::min(rows.max_insert_rows(), rows.size() - first);
    params_.clear();
    for (auto row = first; row < first + count; ++row)
      for (std::size_t column = 0; column < columns; ++column)
        params_.push_back(rows.field(row, column));
    const pg_rows result{PQexecParams(conn_.native(), rows.insert_statement(count).c_str(),
                                      static_cast<int>(params_.size()), nullptr, params_.data(), nullptr,
                                      nullptr, 0)};
    if (PQresultStatus(result.native()) != PGRES_COMMAND_OK)
      return conn_.error(result.native());
  }
  return {};
}

} // namespace bourse
