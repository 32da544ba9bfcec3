#pragma once

#include <cassert>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

namespace bourse {

/// Appends `value` in PostgreSQL's text format to `out`: integers in decimal, bool as t/f, strings
/// as they are. Returns false, appending nothing, for SQL NULL (std::nullopt or an empty optional).
template <class T>
bool append_pg_text(std::string& out, const T& value) {
  if constexpr (std::is_same_v<T, std::nullopt_t>) {
    return false;
  } else if constexpr (requires {
                         value.has_value();
                         *value;
                       }) {
    return value.has_value() && append_pg_text(out, *value);
  } else if constexpr (std::is_same_v<T, bool>) {
    out.push_back(value ? 't' : 'f');
    return true;
  } else if constexpr (std::integral<T>) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
    return true;
  } else {
    const std::string_view text = value;
    assert(text.find('\0') == std::string_view::npos && "PostgreSQL text cannot hold NUL");
    out.append(text);
    return true;
  }
}

/// `values` as a PostgreSQL array literal, {1,2,3}, for a `$n::bigint[]` parameter.
inline std::string pg_bigint_array(std::span<const std::int64_t> values) {
  std::string out{"{"};
  for (const auto value : values) {
    if (out.size() > 1)
      out.push_back(',');
    append_pg_text(out, value);
  }
  out.push_back('}');
  return out;
}

} // namespace bourse
