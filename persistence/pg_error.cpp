#include "persistence/pg_error.hpp"

#include <stdexcept>

#include <libpq-fe.h>

namespace bourse {

reason_code reason_for_sqlstate(std::string_view sqlstate) noexcept {
  if (sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03")
    return reason_code::unavailable;
  if (sqlstate.starts_with("53") || sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03")
    return reason_code::busy;
  if (sqlstate == "57014")
    return reason_code::timeout;
  return reason_code::persistence_failed;
}

pg_error make_pg_error(PGconn* conn, const PGresult* result) {
  pg_error error;
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr)
    error.sqlstate = state;
  const char* text = result != nullptr ? PQresultErrorMessage(result) : "";
  error.message = (text != nullptr && *text != '\0') ? text : PQerrorMessage(conn);
  const bool connection_lost = conn == nullptr || PQstatus(conn) == CONNECTION_BAD;
  error.code = connection_lost ? reason_code::unavailable : reason_for_sqlstate(error.sqlstate);
  return error;
}

void throw_exception_from_error(const pg_error& error, const boost::source_location&) {
  throw std::runtime_error(std::string(to_string(error.code)) + ": " + error.message);
}

} // namespace bourse
