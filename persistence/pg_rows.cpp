#include "persistence/pg_rows.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

#include <libpq-fe.h>

namespace bourse {

pg_rows::pg_rows(PGresult* result) noexcept : result_(result) {
  // nop
}

void pg_rows::clear::operator()(PGresult* result) const noexcept {
  PQclear(result);
}

int pg_rows::rows() const noexcept {
  return PQntuples(result_.get());
}

std::int64_t pg_rows::affected() const noexcept {
  const std::string_view tuples = PQcmdTuples(result_.get());
  std::int64_t count = 0;
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), count);
  return count;
}

bool pg_rows::is_null(int row, int column) const noexcept {
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string_view pg_rows::text(int row, int column) const noexcept {
  return {PQgetvalue(result_.get(), row, column),
          static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t pg_rows::int64(int row, int column) const {
  const auto value = text(row, column);
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc{} || end != value.data() + value.size())
    throw std::invalid_argument("not an integer: '" + std::string(value) + "'");
  return out;
}

bool pg_rows::boolean(int row, int column) const noexcept {
  return text(row, column) == "t";
}

} // namespace bourse
