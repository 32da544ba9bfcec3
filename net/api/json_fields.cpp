#include "net/api/json_fields.hpp"

#include <boost/json/parse.hpp>

#include <charconv>
#include <limits>

namespace bourse::net::api {

json_fields::json_fields(std::string_view body, std::initializer_list<std::string_view> allowed) {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) {
    fail(reason_code::malformed_request, ec ? "body is not valid JSON" : "body must be a JSON object");
    return;
  }
  object_ = std::move(value.as_object());
  for (const auto& entry : object_) {
    bool known = false;
    for (auto name : allowed)
      known = known || entry.key() == name;
    if (!known) {
      fail(reason_code::malformed_request, "unknown field " + std::string(entry.key()));
      return;
    }
  }
}

void json_fields::fail(reason_code code, std::string message) {
  if (!ok())
    return;
  code_ = code;
  message_ = std::move(message);
}

const boost::json::value* json_fields::find(std::string_view key) const {
  auto* value = object_.if_contains(key);
  return value == nullptr || value->is_null() ? nullptr : value;
}

bool json_fields::has(std::string_view key) const {
  return find(key) != nullptr;
}

std::string json_fields::text(std::string_view key, bool required) {
  auto* value = find(key);
  if (value == nullptr) {
    if (required)
      fail(reason_code::malformed_request, "missing field " + std::string(key));
    return {};
  }
  if (!value->is_string()) {
    fail(reason_code::malformed_request, std::string(key) + " must be a string");
    return {};
  }
  return std::string(value->as_string());
}

std::int64_t json_fields::integer(std::string_view key, bool required, std::int64_t fallback) {
  auto* value = find(key);
  if (value == nullptr) {
    if (required)
      fail(reason_code::malformed_request, "missing field " + std::string(key));
    return fallback;
  }
  if (value->is_int64())
    return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= std::numeric_limits<std::int64_t>::max())
    return static_cast<std::int64_t>(value->as_uint64());
  if (value->is_string()) {
    auto s = value->as_string();
    std::int64_t parsed = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (!s.empty() && ec == std::errc{} && end == s.data() + s.size())
      return parsed;
  }
  fail(reason_code::malformed_request, std::string(key) + " must be an integer");
  return fallback;
}

bool json_fields::flag(std::string_view key, bool fallback) {
  auto* value = find(key);
  if (value == nullptr)
    return fallback;
  if (!value->is_bool()) {
    fail(reason_code::malformed_request, std::string(key) + " must be a boolean");
    return fallback;
  }
  return value->as_bool();
}

} // namespace bourse::net::api
