#include "persistence/table_rows.hpp"

namespace bourse {
namespace {

/// Escapes one value for COPY text format. Source: PostgreSQL 15 manual, COPY, "Text Format".
void append_escaped(std::string& out, const char* text) {
  for (; *text != '\0'; ++text) {
    switch (*text) {
    case '\\':
      out += "\\\\";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      out.push_back(*text);
    }
  }
}

} // namespace

table_rows::table_rows(std::string table, std::vector<std::string> columns)
    : table_(std::move(table)), columns_(std::move(columns)) {
  target_ = table_ + " (";
  for (std::size_t i = 0; i < columns_.size(); ++i)
    target_ += (i == 0 ? "" : ", ") + columns_[i];
  target_ += ')';
  copy_statement_ = "COPY " + target_ + " FROM STDIN";
}

table_rows::table_rows(std::string table, std::vector<std::string> columns,
                       std::vector<std::string> unique_key)
    : table_rows(std::move(table), std::move(columns)) {
  conflict_clause_ = " ON CONFLICT (";
  for (std::size_t i = 0; i < unique_key.size(); ++i)
    conflict_clause_ += (i == 0 ? "" : ", ") + unique_key[i];
  conflict_clause_ += ") DO NOTHING";
}

std::string table_rows::insert_statement(std::size_t rows) const {
  assert(rows <= max_insert_rows());
  std::string sql = "INSERT INTO " + target_ + " VALUES ";
  std::size_t param = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (std::size_t column = 0; column < columns_.size(); ++column)
      sql += (column == 0 ? "$" : ", $") + std::to_string(++param);
    sql += ')';
  }
  return sql + conflict_clause_;
}

void table_rows::append_copy_text(std::string& out) const {
  for (std::size_t row = 0; row < rows_; ++row) {
    for (std::size_t column = 0; column < columns_.size(); ++column) {
      if (column != 0)
        out.push_back('\t');
      const char* text = field(row, column);
      if (text == nullptr)
        out += "\\N";
      else
        append_escaped(out, text);
    }
    out.push_back('\n');
  }
}

void table_rows::clear() noexcept {
  data_.clear();
  offsets_.clear();
  rows_ = 0;
}

} // namespace bourse
