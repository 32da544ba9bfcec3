#pragma once

#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace bourse::net::api {

/// Status and body of an outbound response.
struct outbound_response {
  unsigned status = 0;
  std::string body;
};

/// One blocking HTTP/1.1 request to an absolute http:// or https:// URL (TLS verified against the
/// system CAs, with SNI), bounded by timeout for the whole exchange. Throws std::runtime_error for
/// a malformed URL and boost::system::system_error for network or TLS failures.
outbound_response outbound_request(boost::beast::http::verb method, std::string_view url, std::string body,
                                   const std::map<std::string, std::string>& headers,
                                   std::chrono::milliseconds timeout);

} // namespace bourse::net::api
