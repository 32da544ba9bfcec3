#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "persistence/pg_error.hpp"
#include "persistence/pg_rows.hpp"
#include "persistence/pg_text.hpp"

namespace bourse {

/// One text-format query parameter; nullopt is SQL NULL.
using pg_param = std::optional<std::string>;

/// Converts a value (integer, bool, string, optional, nullopt) to a query parameter.
template <class T>
pg_param make_pg_param(const T& value) {
  std::string text;
  if (!append_pg_text(text, value))
    return std::nullopt;
  return text;
}

/// A blocking libpq connection (PQfinish on destruction). Every call returns the rows or a pg_error
/// whose code is unavailable when the connection is lost, busy for retryable contention and
/// persistence_failed otherwise (see reason_for_sqlstate).
class pg_connection {
public:
  /// Connects with a libpq conninfo string or URL; unavailable when the server cannot be reached.
  static pg_expected<pg_connection> open(std::string_view conninfo);

  /// Runs one or more ';'-separated statements without parameters; returns the last result.
  pg_expected<pg_rows> exec(std::string_view sql);

  /// Runs one statement with text parameters $1, $2, ...
  pg_expected<pg_rows> exec_params(std::string_view sql, std::span<const pg_param> params);

  /// Runs one statement with its parameters given as values, e.g. exec("... $1, $2", 42, "AAPL").
  template <class... Args>
  requires(sizeof...(Args) > 0) pg_expected<pg_rows> exec(std::string_view sql, const Args&... args) {
    const pg_param params[] = {make_pg_param(args)...};
    return exec_params(sql, params);
  }

  /// True while the connection is usable (CONNECTION_OK).
  bool connected() const noexcept;

  /// Rolls back the transaction open on this connection, if any (the rollback's own failure is
  /// ignored), and returns `cause`: the way out of a failed transaction.
  pg_error rollback_after(pg_error cause);

  /// The error libpq reports for `result` (null: the connection's last error).
  pg_error error(const ::pg_result* result = nullptr) const;

  /// The libpq handle, for protocol features this class does not wrap (COPY, pipeline mode).
  ::pg_conn* native() const noexcept { return conn_.get(); }

private:
  struct finish {
    void operator()(::pg_conn* conn) const noexcept;
  };
  explicit pg_connection(::pg_conn* conn) noexcept : conn_(conn) {}
  pg_expected<pg_rows> check(pg_rows rows) const;

  std::unique_ptr<::pg_conn, finish> conn_;
};

} // namespace bourse
