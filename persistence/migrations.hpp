#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "persistence/pg_connection.hpp"

namespace bourse {

/// One schema migration: a file `NNNN_description.sql` whose number is its version.
struct migration {
  std::int64_t version = 0;
  std::string name; ///< the file name, recorded in schema_migrations
  std::filesystem::path path;
};

/// The migration files of `dir` in version order; persistence_failed for an unreadable directory,
/// a .sql file without a numeric prefix, or two files with one version.
pg_expected<std::vector<migration>> list_migrations(const std::filesystem::path& dir);

/// Applies the pending migrations of `dir` in version order, each in its own transaction together
/// with its schema_migrations row, under an advisory lock so that concurrent nodes apply each one
/// once. Idempotent: a second call applies nothing. Returns how many were applied; fails with
/// persistence_failed when a recorded version has another file name or is unknown to `dir`.
pg_expected<std::size_t> apply_migrations(pg_connection& conn, const std::filesystem::path& dir);

/// The migrations directory of the source tree (compile definition BOURSE_MIGRATIONS_DIR).
std::filesystem::path bundled_migrations_dir();

} // namespace bourse
