#include "persistence/pg_connection.hpp"

#include <vector>

#include <libpq-fe.h>

namespace bourse {

void pg_connection::finish::operator()(PGconn* conn) const noexcept {
  PQfinish(conn);
}

pg_expected<pg_connection> pg_connection::open(std::string_view conninfo) {
  pg_connection conn{PQconnectdb(std::string(conninfo).c_str())};
  if (conn.native() == nullptr)
    return pg_error{reason_code::unavailable, {}, "libpq could not allocate a connection"};
  if (!conn.connected())
    return conn.error();
  return conn;
}

pg_expected<pg_rows> pg_connection::exec(std::string_view sql) {
  return check(pg_rows{PQexec(native(), std::string(sql).c_str())});
}

pg_expected<pg_rows> pg_connection::exec_params(std::string_view sql, std::span<const pg_param> params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params)
    values.push_back(param ? param->c_str() : nullptr);
  return check(pg_rows{PQexecParams(native(), std::string(sql).c_str(), static_cast<int>(values.size()),
                                    nullptr, values.data(), nullptr, nullptr, 0)});
}

bool pg_connection::connected() const noexcept {
  return PQstatus(native()) == CONNECTION_OK;
}

pg_error pg_connection::rollback_after(pg_error cause) {
  if (connected() && PQtransactionStatus(native()) != PQTRANS_IDLE)
    (void)exec("ROLLBACK");
  return cause;
}

pg_error pg_connection::error(const PGresult* result) const {
  return make_pg_error(native(), result);
}

pg_expected<pg_rows> pg_connection::check(pg_rows rows) const {
  const auto status = PQresultStatus(rows.native());
  if (rows.native() == nullptr || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK))
    return error(rows.native());
  return rows;
}

} // namespace bourse
