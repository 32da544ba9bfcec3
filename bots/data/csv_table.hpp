#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bourse::bots {

/// Why a CSV row (or the whole file) was refused. Tests assert these codes, never the detail text.
enum class csv_error : std::uint8_t {
  unreadable_file,   ///< the file could not be opened or read
  missing_column,    ///< the header lacks a required column
  wrong_field_count, ///< the row has a different number of fields than the header
  bad_date,          ///< date is neither YYYY-MM-DD nor "Mon D YYYY"
  bad_price,         ///< a price is not a decimal number or is not positive
  bad_volume,        ///< volume is not a non-negative integer
  inconsistent_bar,  ///< high below low, or open/close outside [low, high]
  out_of_order,      ///< date not after the previous row's date (of the same symbol)
};

/// One refused row: `row` is the 1-based line number in the file (the header is line 1).
struct row_error {
  std::size_t row = 0;
  csv_error code = csv_error::bad_price;
  std::string detail;
};

/// Comma-separated text split into a header and rows of fields (no quoting: these files have none).
/// Fields are views into the text given to the constructor, which must outlive the table. Blank lines are
/// skipped.
class csv_table {
public:
  /// Splits `text`; CRLF and LF line ends both work.
  explicit csv_table(std::string_view text);

  /// Index of the header column named `name` (case-sensitive), or nullopt.
  std::optional<std::size_t> column(std::string_view name) const noexcept;

  struct row {
    std::size_t line = 0; ///< 1-based line number
    std::vector<std::string_view> fields;
  };
  const std::vector<std::string_view>& header() const noexcept { return header_; }
  const std::vector<row>& rows() const noexcept { return rows_; }

private:
  std::vector<std::string_view> header_;
  std::vector<row> rows_;
};

/// Reads a whole file into a string; nullopt when it cannot be read.
std::optional<std::string> read_text_file(const std::string& path);

} // namespace bourse::bots
