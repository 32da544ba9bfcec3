#pragma once

#include "actors/common/reason_code.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

/// HTTP message types and the project's JSON error shape {"code": "<STABLE_CODE>", "message": "..."}.
namespace bourse::net::http {

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response = boost::beast::http::response<boost::beast::http::string_body>;
using status = boost::beast::http::status;

/// The HTTP status for a reason code: validation 400/404/405/413, risk and matching 422, auth
/// 401/403/429, system 500/503/504.
status http_status(reason_code code) noexcept;

/// A JSON error response with the status http_status(code); message defaults to describe(code).
response error_response(reason_code code, std::string message = {});

/// A JSON response with body text (already serialized) and the given status.
response json_response(std::string body, status s = status::ok);

} // namespace bourse::net::http
