#include "net/http/message.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace bourse::net::http {

status http_status(reason_code code) noexcept {
  switch (code) {
  case reason_code::none:
    return status::ok;
  case reason_code::not_found:
  case reason_code::unknown_order:
  case reason_code::unknown_symbol:
    return status::not_found;
  case reason_code::method_not_allowed:
    return status::method_not_allowed;
  case reason_code::request_too_large:
    return status::payload_too_large;
  case reason_code::duplicate_client_order_id:
  case reason_code::username_taken:
  case reason_code::symbol_listed:
    return status::conflict;
  case reason_code::unauthenticated:
  case reason_code::token_expired:
  case reason_code::token_invalid:
  case reason_code::invalid_credentials:
    return status::unauthorized;
  case reason_code::forbidden:
  case reason_code::origin_not_allowed:
    return status::forbidden;
  case reason_code::rate_limited:
    return status::too_many_requests;
  case reason_code::internal_error:
  case reason_code::persistence_failed:
    return status::internal_server_error;
  case reason_code::busy:
  case reason_code::unavailable:
    return status::service_unavailable;
  case reason_code::timeout:
    return status::gateway_timeout;
  default:
    break;
  }
  auto number = static_cast<unsigned>(code);
  if (number >= 2000 && number < 4000)
    return status::unprocessable_entity;
  return status::bad_request;
}

response json_response(std::string body, status s) {
  response res{s, 11};
  res.set(boost::beast::http::field::content_type, "application/json");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

response error_response(reason_code code, std::string message) {
  boost::json::object body;
  body["code"] = to_string(code);
  body["message"] = message.empty() ? std::string(describe(code)) : std::move(message);
  return json_response(boost::json::serialize(body), http_status(code));
}

} // namespace bourse::net::http
