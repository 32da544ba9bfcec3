#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <boost/json/value.hpp>

namespace bourse::test {

/// One HTTP answer: status code and JSON body (null when the body is empty or not JSON).
struct node_answer {
  int status = 0;
  boost::json::value body;
};

/// One request to the node on 127.0.0.1:`port` over a new connection, bounded by `timeout`;
/// `token` (when not empty) goes in as a bearer token. Throws boost::system::system_error when
/// the connection fails (the node is down or was killed mid-request).
node_answer call_node(std::uint16_t port, const std::string& method, const std::string& target,
                      const std::string& token, const std::string& body = {},
                      std::chrono::seconds timeout = std::chrono::seconds(20));

} // namespace bourse::test
