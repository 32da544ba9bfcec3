#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "persistence/pg_text.hpp"

namespace bourse {

/// Rows for one table, kept as PostgreSQL text values, to be appended by batch_writer. Each field is
/// stored NUL-terminated in one buffer, so a row can be sent by COPY or as query parameters without
/// further copies. clear() keeps the memory for the next batch.
class table_rows {
public:
  /// Rows for `table` with these columns, in the order add() takes the fields.
  table_rows(std::string table, std::vector<std::string> columns);
  /// Rows for `table` that batch_writer writes with INSERT ... ON CONFLICT (`unique_key`) DO NOTHING
  /// instead of COPY: a row whose key is already stored (or earlier in the batch) is skipped, never
  /// failing the batch.
  table_rows(std::string table, std::vector<std::string> columns, std::vector<std::string> unique_key);

  /// Appends one row; one field per column (integers, bool, strings, optional or nullopt = NULL).
  template <class... Fields>
  void add(const Fields&... fields) {
    assert(sizeof...(Fields) == columns_.size() && "one field per column");
    (add_field(fields), ...);
    ++rows_;
  }

  /// The text of a field, or nullptr for NULL.
  const char* field(std::size_t row, std::size_t column) const noexcept {
    const auto offset = offsets_[row * columns_.size() + column];
    return offset == null_offset ? nullptr : data_.data() + offset;
  }

  /// Appends all rows in COPY text format (tab-separated, \N for NULL, backslash escapes).
  void append_copy_text(std::string& out) const;

  /// "COPY table (columns) FROM STDIN".
  const std::string& copy_statement() const noexcept { return copy_statement_; }
  /// True for rows written by insert_statement (constructed with a unique key).
  bool skips_duplicates() const noexcept { return !conflict_clause_.empty(); }
  /// Rows one insert_statement may carry (PostgreSQL takes at most 65535 parameters).
  std::size_t max_insert_rows() const noexcept { return 65'535 / columns_.size(); }
  /// "INSERT INTO table (columns) VALUES ($1, ...), ... ON CONFLICT (key) DO NOTHING" for `rows`
  /// rows of parameters (at most max_insert_rows()).
  std::string insert_statement(std::size_t rows) const;
  const std::string& table() const noexcept { return table_; }
  const std::vector<std::string>& columns() const noexcept { return columns_; }
  std::size_t size() const noexcept { return rows_; }
  bool empty() const noexcept { return rows_ == 0; }
  /// Removes all rows, keeping the allocated memory.
  void clear() noexcept;

private:
  static constexpr std::uint32_t null_offset = UINT32_MAX;

  template <class T>
  void add_field(const T& value) {
    const auto offset = static_cast<std::uint32_t>(data_.size());
    if (append_pg_text(data_, value)) {
      data_.push_back('\0');
      offsets_.push_back(offset);
    } else {
      offsets_.push_back(null_offset);
    }
  }

  std::string table_;
  std::vector<std::string> columns_;
  std::string target_; ///< "table (column, ...)"
  std::string copy_statement_;
  std::string conflict_clause_; ///< " ON CONFLICT (key) DO NOTHING", empty for COPY
  std::string data_;
  std::vector<std::uint32_t> offsets_;
  std::size_t rows_ = 0;
};

} // namespace bourse
