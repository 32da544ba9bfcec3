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
  copy_statement_ = "COPY " + table_ + " (";
  for (std::size_t i = 0; i < columns_.size(); ++i)
    copy_statement_ += (i == 0 ? "" : ", ") + columns_[i];
  copy_statement_ += ") FROM STDIN";
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
