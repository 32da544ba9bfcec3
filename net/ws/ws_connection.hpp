#pragma once

#include "net/ws/ws_endpoint.hpp"
#include "net/ws/ws_json.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <caf/send.hpp>

#include <deque>
#include <memory>
#include <mutex>

namespace bourse::net::ws {

/// The session actor's outbox. It never owns the connection: frames are handed to the connection's
/// strand, which looks the connection up there, so the last owner of Asio objects is always an Asio
/// thread; once the connection is gone (detach), frames are dropped.
template <class Connection>
class link_outbox : public ws_outbox {
public:
  /// Before the outbox is shared: the connection, its strand and its fan-out lane.
  void attach(boost::asio::any_io_executor strand, std::weak_ptr<Connection> conn,
              std::weak_ptr<ws_lane> lane) {
    std::lock_guard lock(mutex_);
    strand_ = std::move(strand);
    conn_ = std::move(conn);
    lane_ = std::move(lane);
  }

  /// The connection is ending: no more posts to its strand.
  void detach() {
    std::lock_guard lock(mutex_);
    strand_ = {};
  }

  /// One queued frame of size bytes was written or discarded.
  void written(std::size_t bytes) {
    --queued_messages_;
    queued_bytes_ -= static_cast<std::int64_t>(bytes);
  }

protected:
  void do_push(shared_frame frame) override {
    const auto bytes = frame->size();
    ++queued_messages_;
    queued_bytes_ += static_cast<std::int64_t>(bytes);
    if (!post([frame = std::move(frame)](Connection& conn) mutable { conn.queue_frame(std::move(frame)); }))
      written(bytes);
  }

  void do_close(std::uint16_t code, std::string reason) override {
    post([code, reason = std::move(reason)](Connection& conn) mutable {
      conn.start_close(code, std::move(reason));
    });
  }

private:
  /// Runs fn on the connection's strand: inline when called on an I/O thread while the strand is
  /// idle (the fan-out's lanes), else queued there.
  template <class F>
  bool post(F fn) {
    boost::asio::any_io_executor strand;
    std::weak_ptr<Connection> conn;
    {
      std::lock_guard lock(mutex_);
      if (!strand_)
        return false;
      strand = strand_;
      conn = conn_;
    }
    boost::asio::dispatch(strand, [conn = std::move(conn), fn = std::move(fn)]() mutable {
      if (auto c = conn.lock())
        fn(*c);
    });
    return true;
  }

  std::mutex mutex_;
  boost::asio::any_io_executor strand_;
  std::weak_ptr<Connection> conn_;
};

/// One WebSocket connection over Stream (plain or TLS): handshake checks, then a read loop feeding
/// the session actor and an ordered write queue fed by it. Runs on the stream's strand.
template <class Stream>
class ws_connection : public std::enable_shared_from_this<ws_connection<Stream>> {
public:
  using outbox_type = link_outbox<ws_connection<Stream>>;

  ws_connection(Stream stream, http::request req, std::unique_ptr<connection_limiter::slot> slot,
                ws_endpoint& endpoint)
      : ws_(std::move(stream)), req_(std::move(req)), slot_(std::move(slot)), endpoint_(endpoint),
        outbox_(std::make_shared<outbox_type>()) {
    // nop
  }

  ~ws_connection() {
    outbox_->detach();
    if (actor_)
      caf::anon_send(actor_, atoms::closed::value);
  }

  void run() {
    auto admitted = endpoint_.admit(req_);
    if (admitted.code != reason_code::none)
      return refuse(admitted.code);
    namespace websocket = boost::beast::websocket;
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::milliseconds(endpoint_.limits().read_timeout_ms);
    timeouts.idle_timeout = std::chrono::milliseconds(endpoint_.limits().idle_timeout_ms);
    timeouts.keep_alive_pings = true;
    boost::beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(timeouts);
    ws_.read_message_max(static_cast<std::uint64_t>(endpoint_.limits().ws_frame_limit_bytes));
    bool offers_bourse = false;
    for (auto offered : split_protocols(req_[boost::beast::http::field::sec_websocket_protocol]))
      offers_bourse = offers_bourse || offered == "bourse";
    ws_.set_option(websocket::stream_base::decorator([offers_bourse](websocket::response_type& res) {
      if (offers_bourse)
        res.set(boost::beast::http::field::sec_websocket_protocol, "bourse");
    }));
    user_ = std::move(admitted.user);
    ws_.async_accept(req_, [self = this->shared_from_this()](boost::system::error_code ec) {
      self->req_ = {}; // the upgrade request's headers are not needed past the handshake
      if (ec)
        return;
      self->lane_ = self->endpoint_.lane_for(self->ws_.get_executor());
      self->outbox_->attach(self->ws_.get_executor(), self->weak_from_this(), self->lane_);
      self->actor_ = self->endpoint_.start_session(self->outbox_, std::move(self->user_));
      self->read();
    });
  }

  /// On the strand: queue one text frame.
  void queue_frame(shared_frame frame) {
    if (closing_)
      return outbox_->written(frame->size());
    queue_.push_back(std::move(frame));
    if (queue_.size() == 1)
      write_next();
  }

  /// On the strand: close with code and reason, dropping unsent frames.
  void start_close(std::uint16_t code, std::string reason) {
    if (closing_)
      return;
    closing_ = true;
    while (queue_.size() > (writing_ ? 1U : 0U)) {
      outbox_->written(queue_.back()->size());
      queue_.pop_back();
    }
    boost::beast::websocket::close_reason why(static_cast<boost::beast::websocket::close_code>(code), reason);
    ws_.async_close(why, [self = this->shared_from_this()](boost::system::error_code) { /* nop */ });
  }

private:
  static std::vector<std::string_view> split_protocols(std::string_view header) {
    std::vector<std::string_view> out;
    while (!header.empty()) {
      auto comma = header.find(',');
      auto item = header.substr(0, comma);
      while (!item.empty() && item.front() == ' ')
        item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ')
        item.remove_suffix(1);
      out.push_back(item);
      header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    }
    return out;
  }

  void refuse(reason_code code) {
    res_ = http::error_response(code);
    res_.keep_alive(false);
    boost::beast::get_lowest_layer(ws_).expires_after(
        std::chrono::milliseconds(endpoint_.limits().read_timeout_ms));
    boost::beast::http::async_write(
        ws_.next_layer(), res_, [self = this->shared_from_this()](boost::system::error_code, std::size_t) {
          boost::system::error_code ignored;
          boost::beast::get_lowest_layer(self->ws_).socket().shutdown(
              boost::asio::ip::tcp::socket::shutdown_send, ignored);
        });
  }

  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
      if (ec)
        return self->ended();
      if (!self->ws_.got_text()) {
        self->buffer_.clear();
        self->outbox_->push(
            make_frame(error_frame(nullptr, reason_code::malformed_request, "text frames only")));
        return self->read();
      }
      caf::anon_send(self->actor_, atoms::frame::value,
                     boost::beast::buffers_to_string(self->buffer_.data()));
      self->buffer_.clear();
      self->read();
    });
  }

  void ended() {
    closing_ = true;
    if (actor_)
      caf::anon_send(actor_, atoms::closed::value);
  }

  void write_next() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(*queue_.front()),
                    [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
                      self->writing_ = false;
                      self->outbox_->written(self->queue_.front()->size());
                      self->queue_.pop_front();
                      if (ec)
                        return self->ended();
                      if (!self->queue_.empty() && !self->closing_)
                        self->write_next();
                    });
  }

  boost::beast::websocket::stream<Stream> ws_;
  http::request req_;
  std::unique_ptr<connection_limiter::slot> slot_;
  ws_endpoint& endpoint_;
  std::shared_ptr<outbox_type> outbox_;
  std::shared_ptr<ws_lane> lane_; ///< kept alive by its connections
  std::optional<access_claims> user_;
  session_actor actor_;
  boost::beast::flat_buffer buffer_;
  http::response res_;
  std::deque<shared_frame> queue_;
  bool writing_ = false;
  bool closing_ = false;
};

} // namespace bourse::net::ws
