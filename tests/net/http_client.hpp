#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

#include <map>
#include <string>

/// Blocking HTTP helpers for tests against a server on 127.0.0.1.
namespace bourse::net::test {

namespace beast = boost::beast;
namespace asio = boost::asio;
using response = beast::http::response<beast::http::string_body>;

/// One request on a new plain connection; returns the response.
inline response fetch(std::uint16_t port, beast::http::verb method, const std::string& target,
                      const std::string& body = {}, const std::map<std::string, std::string>& headers = {}) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  beast::http::request<beast::http::string_body> req{method, target, 11};
  req.set(beast::http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers)
    req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  beast::http::write(stream, req);
  beast::flat_buffer buffer;
  beast::http::response_parser<beast::http::string_body> parser;
  parser.skip(method == beast::http::verb::head);
  beast::http::read(stream, buffer, parser);
  return parser.release();
}

/// GET target.
inline response get(std::uint16_t port, const std::string& target,
                    const std::map<std::string, std::string>& headers = {}) {
  return fetch(port, beast::http::verb::get, target, {}, headers);
}

/// Sends raw bytes on a new connection and returns everything the server sends until it closes.
inline std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(socket, asio::buffer(bytes));
  std::string received;
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(received), ec);
  return received;
}

/// The "code" of a JSON error body.
inline std::string code_of(const response& res) {
  return std::string(boost::json::parse(res.body()).as_object().at("code").as_string());
}

} // namespace bourse::net::test
