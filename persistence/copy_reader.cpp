#include "persistence/copy_reader.hpp"

#include <charconv>
#include <string>
#include <vector>

#include <libpq-fe.h>

namespace bourse {
namespace {

/// Frees a buffer returned by PQgetCopyData.
struct copy_buffer {
  char* data = nullptr;
  ~copy_buffer() {
    if (data != nullptr)
      PQfreemem(data);
  }
};

pg_error rejected(std::string message) {
  return {reason_code::persistence_failed, {}, std::move(message)};
}

} // namespace

bool parse_int64(std::string_view text, std::int64_t& out) noexcept {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

std::string sql_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text)
    out.append(c == '\'' ? 2 : 1, c);
  return out + "'";
}

pg_expected<void> copy_out(pg_connection& conn, std::string_view select, std::size_t columns,
                           const std::function<bool(copy_fields)>& row) {
  const auto sql = "COPY (" + std::string(select) + ") TO STDOUT";
  const pg_rows started{PQexec(conn.native(), sql.c_str())};
  if (PQresultStatus(started.native()) != PGRES_COPY_OUT)
    return conn.error(started.native());
  std::vector<std::string_view> fields;
  fields.reserve(columns);
  pg_expected<void> outcome;
  for (;;) {
    copy_buffer line;
    const int size = PQgetCopyData(conn.native(), &line.data, 0);
    if (size < 0)
      break;
    if (!outcome)
      continue; // drain the rest after a failure
    std::string_view text{line.data, static_cast<std::size_t>(size)};
    if (text.ends_with('\n'))
      text.remove_suffix(1);
    fields.clear();
    for (std::size_t start = 0;;) {
      const auto tab = text.find('\t', start);
      fields.push_back(text.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos)
        break;
      start = tab + 1;
    }
    if (fields.size() != columns)
      outcome = rejected("COPY row with " + std::to_string(fields.size()) + " fields");
    else if (!row(fields))
      outcome = rejected("COPY row not understood: " + std::string(text));
  }
  for (pg_rows result{PQgetResult(conn.native())}; result.native() != nullptr;
       result = pg_rows{PQgetResult(conn.native())})
    if (PQresultStatus(result.native()) != PGRES_COMMAND_OK && outcome)
      outcome = conn.error(result.native());
  return outcome;
}

} // namespace bourse
