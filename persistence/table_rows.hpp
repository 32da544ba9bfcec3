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
  std::string copy_statement_;
  std::string data_;
  std::vector<std::uint32_t> offsets_;
  std::size_t rows_ = 0;
};

} // namespace bourse
