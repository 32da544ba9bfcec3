#include "net/api/outbound_http.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <stdexcept>

namespace bourse::net::api {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

constexpr std::uint64_t max_body_bytes = 1024 * 1024;

template <class Stream>
asio::awaitable<outbound_response> exchange(Stream& stream, bhttp::request<bhttp::string_body>& req) {
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(max_body_bytes);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  auto res = parser.release();
  co_return outbound_response{res.result_int(), std::move(res.body())};
}

// Every step is asynchronous so that the tcp_stream deadline bounds the whole exchange.
asio::awaitable<outbound_response> run(bhttp::request<bhttp::string_body>& req, std::string host,
                                       std::string port, bool tls, std::chrono::milliseconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve(host, port, asio::use_awaitable);
  if (!tls) {
    beast::tcp_stream stream(executor);
    stream.expires_after(timeout);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    co_return co_await exchange(stream, req);
  }
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_default_verify_paths();
  ctx.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(executor, ctx);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
    throw std::runtime_error("SNI failed for " + host);
  stream.set_verify_callback(asio::ssl::host_name_verification(host));
  beast::get_lowest_layer(stream).expires_after(timeout);
  co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
  co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
  co_return co_await exchange(stream, req);
}

} // namespace

outbound_response outbound_request(bhttp::verb method, std::string_view url, std::string body,
                                   const std::map<std::string, std::string>& headers,
                                   std::chrono::milliseconds timeout) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed)
    throw std::runtime_error("malformed URL " + std::string(url));
  bool tls = parsed->scheme() == "https";
  if (!tls && parsed->scheme() != "http")
    throw std::runtime_error("unsupported scheme in " + std::string(url));
  std::string host = parsed->host();
  std::string port = parsed->has_port() ? std::string(parsed->port()) : (tls ? "443" : "80");
  std::string target = parsed->encoded_target().empty() ? "/" : std::string(parsed->encoded_target());

  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::host, host);
  req.set(bhttp::field::user_agent, "bourse");
  req.set(bhttp::field::accept, "application/json");
  for (const auto& [name, value] : headers)
    req.set(name, value);
  req.body() = std::move(body);
  req.prepare_payload();

  asio::io_context io;
  auto result = asio::co_spawn(io, run(req, host, port, tls, timeout), asio::use_future);
  io.run();
  return result.get();
}

} // namespace bourse::net::api
