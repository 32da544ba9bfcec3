#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

struct pg_result;

namespace bourse {

/// Owns a libpq result (PQclear on destruction) and reads its text-format values.
class pg_rows {
public:
  pg_rows() = default;
  /// Takes ownership of `result` (may be null).
  explicit pg_rows(::pg_result* result) noexcept;

  /// Number of rows returned.
  int rows() const noexcept;
  /// Number of rows a command changed (INSERT/UPDATE/DELETE/COPY); 0 when not reported.
  std::int64_t affected() const noexcept;
  bool is_null(int row, int column) const noexcept;
  /// The text of a value; empty for NULL.
  std::string_view text(int row, int column) const noexcept;
  /// A BIGINT/INT value; throws std::invalid_argument when the text is not an integer.
  std::int64_t int64(int row, int column) const;
  /// A BOOLEAN value ('t' is true).
  bool boolean(int row, int column) const noexcept;
  ::pg_result* native() const noexcept { return result_.get(); }

private:
  struct clear {
    void operator()(::pg_result* result) const noexcept;
  };
  std::unique_ptr<::pg_result, clear> result_;
};

} // namespace bourse
