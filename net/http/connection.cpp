#include "net/http/connection.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <chrono>
#include <optional>

namespace bourse::net::http {

namespace beast = boost::beast;
namespace asio = boost::asio;
using error_code = boost::system::error_code;
using std::chrono::milliseconds;

namespace {

/// One HTTP/1.1 connection over Stream (beast::tcp_stream or asio::ssl::stream<beast::tcp_stream>; Beast
/// 1.81's ssl_stream cannot do the buffered handshake that TLS detection needs).
template <class Stream>
class session : public std::enable_shared_from_this<session<Stream>> {
public:
  static constexpr bool is_tls = !std::is_same_v<Stream, beast::tcp_stream>;

  session(Stream stream, beast::flat_buffer buffer, connection_shared& shared, std::string address,
          std::unique_ptr<connection_limiter::slot> slot)
      : stream_(std::move(stream)), buffer_(std::move(buffer)), shared_(shared), address_(std::move(address)),
        slot_(std::move(slot)) {
    ++shared_.open_connections;
  }

  ~session() { --shared_.open_connections; }

  void run() {
    if constexpr (is_tls) {
      lowest().expires_after(milliseconds(shared_.limits.read_timeout_ms));
      stream_.async_handshake(asio::ssl::stream_base::server, buffer_.data(),
                              [self = this->shared_from_this()](error_code ec, std::size_t used) {
                                if (ec)
                                  return;
                                self->buffer_.consume(used);
                                self->read_header();
                              });
    } else {
      read_header();
    }
  }

private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void read_header() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.limits.header_limit_bytes));
    parser_->body_limit(static_cast<std::uint64_t>(shared_.limits.body_limit_bytes));
    lowest().expires_after(milliseconds(shared_.limits.idle_timeout_ms));
    beast::http::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(error_code ec) {
    if (ec)
      return on_read_error(ec);
    lowest().expires_after(milliseconds(shared_.limits.read_timeout_ms));
    beast::http::async_read(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    if (ec)
      return on_read_error(ec);
    lowest().expires_never();
    auto req = parser_->release();
    if (wants_upgrade(req))
      return shared_.upgrade->upgrade(std::move(stream_), std::move(req), std::move(address_),
                                      std::move(slot_));
    keep_alive_ = req.keep_alive();
    // The answer hands the session over to its strand: the thread that answered (an actor's) keeps no
    // reference to it.
    shared_.dispatch.dispatch(
        std::move(req), address_, [self = this->shared_from_this()](response res) mutable {
          auto strand = self->stream_.get_executor();
          asio::dispatch(strand, [self = std::move(self), res = std::move(res)]() mutable {
            self->write(std::move(res));
          });
        });
  }

  bool wants_upgrade(const request& req) const {
    if (shared_.upgrade == nullptr || !beast::websocket::is_upgrade(req))
      return false;
    auto target = req.target();
    return target.substr(0, target.find('?')) == shared_.upgrade_path;
  }

  void on_read_error(error_code ec) {
    if (ec == beast::http::error::header_limit)
      return reject(reason_code::request_too_large, status::request_header_fields_too_large);
    if (ec == beast::http::error::body_limit)
      return reject(reason_code::request_too_large, status::payload_too_large);
    bool http_error =
        ec.category() == beast::http::make_error_code(beast::http::error::end_of_stream).category();
    if (http_error && ec != beast::http::error::end_of_stream && ec != beast::http::error::partial_message)
      return reject(reason_code::malformed_request, status::bad_request);
    close();
  }

  void reject(reason_code code, status s) {
    keep_alive_ = false;
    write(shared_.dispatch.reject(code, s, address_));
  }

  void write(response res) {
    res.version(11);
    res.keep_alive(keep_alive_);
    res_ = std::make_shared<response>(std::move(res));
    lowest().expires_after(milliseconds(shared_.limits.read_timeout_ms));
    beast::http::async_write(stream_, *res_, [self = this->shared_from_this()](error_code ec, std::size_t) {
      if (ec)
        return;
      if (!self->keep_alive_)
        return self->close();
      self->read_header();
    });
  }

  void close() {
    if constexpr (is_tls) {
      lowest().expires_after(milliseconds(shared_.limits.read_timeout_ms));
      stream_.async_shutdown([self = this->shared_from_this()](error_code) { /* nop */ });
    } else {
      error_code ignored;
      lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  connection_shared& shared_;
  std::string address_;
  std::unique_ptr<connection_limiter::slot> slot_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  std::shared_ptr<response> res_;
  bool keep_alive_ = true;
};

/// Reads the first bytes and picks TLS or plain HTTP (Beast's detect_ssl).
class detector : public std::enable_shared_from_this<detector> {
public:
  detector(asio::ip::tcp::socket socket, connection_shared& shared, std::string address,
           std::unique_ptr<connection_limiter::slot> slot)
      : stream_(std::move(socket)), shared_(shared), address_(std::move(address)), slot_(std::move(slot)) {
    // nop
  }

  void run() {
    stream_.expires_after(milliseconds(shared_.limits.read_timeout_ms));
    beast::async_detect_ssl(
        stream_, buffer_, [self = shared_from_this()](error_code ec, bool tls) { self->on_detect(ec, tls); });
  }

private:
  void on_detect(error_code ec, bool tls) {
    if (ec)
      return;
    if (!tls) {
      std::make_shared<session<beast::tcp_stream>>(std::move(stream_), std::move(buffer_), shared_,
                                                   std::move(address_), std::move(slot_))
          ->run();
      return;
    }
    if (shared_.tls == nullptr)
      return;
    using tls_stream = asio::ssl::stream<beast::tcp_stream>;
    std::make_shared<session<tls_stream>>(tls_stream(std::move(stream_), *shared_.tls), std::move(buffer_),
                                          shared_, std::move(address_), std::move(slot_))
        ->run();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  connection_shared& shared_;
  std::string address_;
  std::unique_ptr<connection_limiter::slot> slot_;
};

} // namespace

void serve_connection(asio::ip::tcp::socket socket, connection_shared& shared, std::string address,
                      std::unique_ptr<connection_limiter::slot> slot) {
  std::make_shared<detector>(std::move(socket), shared, std::move(address), std::move(slot))->run();
}

} // namespace bourse::net::http
