#pragma once

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <utility>

#include <sys/socket.h>
#include <sys/uio.h>

#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/websocket/teardown.hpp>

namespace bourse::bench {

/// A client TCP socket as Beast's next layer whose reads also take the kernel's receive time of
/// the data read (SO_TIMESTAMPNS, the last segment's; ns UTC): when a frame reached this host,
/// before the single-threaded client got to it. Reads wait for readability, then recvmsg(2).
class stamped_socket {
public:
  using executor_type = boost::asio::any_io_executor;

  explicit stamped_socket(boost::asio::io_context& io) : socket_(io) {}

  executor_type get_executor() noexcept { return socket_.get_executor(); }

  /// The socket (open, bind and connect it; call enable_stamps() once open).
  boost::asio::ip::tcp::socket& next_layer() noexcept { return socket_; }

  /// Asks the kernel for receive times; false when it refuses.
  bool enable_stamps() {
    const int on = 1;
    return ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0;
  }

  /// Kernel receive time of the last read's data (ns UTC), 0 before any stamped read.
  std::int64_t last_rx_ns() const noexcept { return last_rx_ns_; }

  template <class Buffers, class Token>
  auto async_read_some(const Buffers& buffers, Token&& token) {
    return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
        [this, buffers](auto handler) { read_when_ready(buffers, std::move(handler)); }, token);
  }

  template <class Buffers, class Token>
  auto async_write_some(const Buffers& buffers, Token&& token) {
    return socket_.async_write_some(buffers, std::forward<Token>(token));
  }

private:
  template <class Buffers, class Handler>
  void read_when_ready(const Buffers& buffers, Handler handler) {
    socket_.async_wait(boost::asio::ip::tcp::socket::wait_read,
                       [this, buffers, handler = std::move(handler)](boost::system::error_code ec) mutable {
                         if (ec)
                           return handler(ec, 0);
                         const auto n = receive(buffers, ec);
                         if (ec == boost::asio::error::would_block)
                           return read_when_ready(buffers, std::move(handler));
                         handler(ec, n);
                       });
  }

  /// One non-blocking recvmsg into buffers, taking the receive time from its control message.
  template <class Buffers>
  std::size_t receive(const Buffers& buffers, boost::system::error_code& ec) {
    std::array<iovec, 16> iov{};
    std::size_t count = 0;
    for (auto it = boost::asio::buffer_sequence_begin(buffers);
         it != boost::asio::buffer_sequence_end(buffers) && count < iov.size(); ++it) {
      const boost::asio::mutable_buffer b(*it);
      iov[count++] = iovec{b.data(), b.size()};
    }
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
    msghdr msg{};
    msg.msg_iov = iov.data();
    msg.msg_iovlen = count;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    const auto n = ::recvmsg(socket_.native_handle(), &msg, MSG_DONTWAIT);
    if (n < 0) {
      const int err = errno;
      ec = err == EAGAIN || err == EWOULDBLOCK
               ? boost::system::error_code(boost::asio::error::would_block)
               : boost::system::error_code(err, boost::asio::error::get_system_category());
      return 0;
    }
    if (n == 0) {
      ec = boost::asio::error::eof;
      return 0;
    }
    for (auto* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
        timespec at{};
        std::memcpy(&at, CMSG_DATA(c), sizeof at);
        last_rx_ns_ = static_cast<std::int64_t>(at.tv_sec) * 1'000'000'000 + at.tv_nsec;
      }
    }
    ec = {};
    return static_cast<std::size_t>(n);
  }

  boost::asio::ip::tcp::socket socket_;
  std::int64_t last_rx_ns_ = 0;
};

/// Beast's WebSocket close on a stamped_socket: that of its TCP socket.
inline void teardown(boost::beast::role_type role, stamped_socket& s, boost::system::error_code& ec) {
  boost::beast::websocket::teardown(role, s.next_layer(), ec);
}

/// Beast's asynchronous WebSocket close on a stamped_socket: that of its TCP socket.
template <class Handler>
void async_teardown(boost::beast::role_type role, stamped_socket& s, Handler&& handler) {
  boost::beast::websocket::async_teardown(role, s.next_layer(), std::forward<Handler>(handler));
}

} // namespace bourse::bench
