#pragma once

#include <string>
#include <string_view>

#include <boost/system/result.hpp>

#include "actors/common/reason_code.hpp"

struct pg_conn;
struct pg_result;

namespace bourse {

/// A failed database call: the project's reason code, the SQLSTATE (empty when the connection
/// itself failed) and libpq's message for the log.
struct pg_error {
  reason_code code = reason_code::persistence_failed;
  std::string sqlstate;
  std::string message;
};

/// The value of a database call or the reason it failed.
template <class T>
using pg_expected = boost::system::result<T, pg_error>;

/// Maps a SQLSTATE to a reason code: connection classes (08, 57P01-57P03) -> unavailable,
/// retryable contention (40001, 40P01, 55P03, class 53) -> busy, 57014 -> timeout, anything else
/// (and an empty state) -> persistence_failed. Source: PostgreSQL 15 manual, appendix A "Error Codes".
reason_code reason_for_sqlstate(std::string_view sqlstate) noexcept;

/// The error of a failed result; a lost connection (no SQLSTATE, CONNECTION_BAD) maps to unavailable.
pg_error make_pg_error(::pg_conn* conn, const ::pg_result* result);

/// Called by pg_expected::value() on an error: throws std::runtime_error with code and message.
[[noreturn]] void throw_exception_from_error(const pg_error& error, const boost::source_location& loc);

} // namespace bourse
