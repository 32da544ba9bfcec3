#pragma once

#include <span>
#include <string>
#include <vector>

#include "persistence/pg_connection.hpp"
#include "persistence/table_rows.hpp"

namespace bourse {

/// Appends batches of rows to PostgreSQL: one transaction per batch, one COPY FROM STDIN per table,
/// committed with synchronous_commit = on (group commit). COPY was the fastest (or tied) of multi-row
/// INSERT, COPY and pipeline mode at every batch size measured (docs/performance.md, "Persistence").
/// Tables that skip duplicates (table_rows::skips_duplicates) go in as multi-row INSERT ... ON
/// CONFLICT DO NOTHING instead, since a COPY fails on the first duplicate key.
class batch_writer {
public:
  /// Writes through `conn`, which must outlive the writer.
  explicit batch_writer(pg_connection& conn) noexcept : conn_(conn) {}

  /// Appends every row of every table atomically: on success all rows are durable, on error none is
  /// written (the transaction is rolled back) and the error says why (unavailable when the
  /// connection is lost, persistence_failed for a rejected row).
  pg_expected<void> write(std::span<const table_rows* const> tables);

  /// Appends the rows of one table atomically (see above).
  pg_expected<void> write(const table_rows& rows);

private:
  pg_expected<void> ensure_synchronous_commit();
  pg_expected<void> copy(const table_rows& rows, bool begin_transaction);
  /// Inserts `rows` (skipping duplicates) in statements of at most max_insert_rows() rows each.
  pg_expected<void> insert(const table_rows& rows, bool begin_transaction);

  pg_connection& conn_;
  std::string buffer_;
  std::vector<const char*> params_; ///< insert(): one statement's parameters
  bool configured_ = false;
};

} // namespace bourse
