#pragma once

#include "actors/common/reason_code.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace bourse::net::api {

/// Strict reading of a JSON request body: one object, only known keys, every value of the expected
/// type. The first problem is kept as a reason code (malformed_request unless set otherwise) and a
/// message naming the field; later reads then return their fallbacks.
class json_fields {
public:
  /// Parses body; fails for invalid JSON, a non-object or a key outside allowed.
  json_fields(std::string_view body, std::initializer_list<std::string_view> allowed);

  bool ok() const noexcept { return code_ == reason_code::none; }
  reason_code code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }

  /// True when key is present (null counts as absent).
  bool has(std::string_view key) const;

  /// The string at key; fails when it is missing and required, or not a string.
  std::string text(std::string_view key, bool required = true);

  /// The integer at key (a JSON integer within int64, or a decimal string of one); fails when it is
  /// missing and required, a fraction, out of range or another type.
  std::int64_t integer(std::string_view key, bool required = true, std::int64_t fallback = 0);

  /// The boolean at key, fallback when absent; fails for another type.
  bool flag(std::string_view key, bool fallback = false);

  /// Records a failure unless one is already recorded.
  void fail(reason_code code, std::string message);

private:
  const boost::json::value* find(std::string_view key) const;

  boost::json::object object_;
  reason_code code_ = reason_code::none;
  std::string message_;
};

} // namespace bourse::net::api
