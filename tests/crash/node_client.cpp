#include "tests/crash/node_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

namespace bourse::test {

namespace beast = boost::beast;
namespace http = beast::http;

node_answer call_node(std::uint16_t port, const std::string& method, const std::string& target,
                      const std::string& token, const std::string& body, std::chrono::seconds timeout) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  // Blocking Beast calls ignore expiry: the socket's own timeouts bound them.
  const timeval limit{.tv_sec = timeout.count(), .tv_usec = 0};
  const int fd = stream.socket().native_handle();
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty())
    req.set(http::field::authorization, "Bearer " + token);
  if (!body.empty())
    req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  node_answer answer;
  answer.status = static_cast<int>(res.result_int());
  boost::system::error_code ec;
  if (!res.body().empty())
    answer.body = boost::json::parse(res.body(), ec);
  return answer;
}

} // namespace bourse::test
