#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "persistence/pg_connection.hpp"

namespace bourse {

/// Fields of one row in COPY text format, unescaped only as far as plain values need (numbers,
/// identifiers and enumeration names contain no tab, newline or backslash).
using copy_fields = std::span<const std::string_view>;

/// Runs `COPY (select) TO STDOUT` and calls `row` for every row, streaming (no result set in
/// memory). Stops with persistence_failed when `row` returns false or a row has the wrong number
/// of fields; unavailable when the connection is lost. Source: PostgreSQL 15 manual, libpq,
/// "Functions Associated with the COPY Command".
pg_expected<void> copy_out(pg_connection& conn, std::string_view select, std::size_t columns,
                           const std::function<bool(copy_fields)>& row);

/// `text` as an SQL string literal (quotes doubled), for the statements copy_out runs, which take
/// no parameters.
std::string sql_literal(std::string_view text);

/// Parses a BIGINT field; false when it is not an integer.
bool parse_int64(std::string_view text, std::int64_t& out) noexcept;

} // namespace bourse
