#include "bots/live/webhook.hpp"

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

namespace bourse::bots {

namespace beast = boost::beast;
namespace http = beast::http;

webhook_notifier::webhook_notifier(const std::string& url, std::size_t max_queue,
                                   std::chrono::milliseconds timeout)
    : max_queue_(max_queue), timeout_(timeout) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || parsed->host().empty())
    throw std::invalid_argument("webhook URL must be http://host[:port][/path]");
  host_ = parsed->host();
  port_ = parsed->has_port() ? std::string(parsed->port()) : "80";
  target_ = parsed->encoded_target().empty() ? "/" : std::string(parsed->encoded_target());
  worker_ = std::thread([this] { run(); });
}

webhook_notifier::~webhook_notifier() {
  {
    std::lock_guard lock{mutex_};
    stopping_ = true;
  }
  wake_.notify_one();
  worker_.join();
}

bool webhook_notifier::notify(std::string content) {
  {
    std::lock_guard lock{mutex_};
    if (queue_.size() >= max_queue_)
      return false;
    queue_.push_back(std::move(content));
  }
  wake_.notify_one();
  return true;
}

std::size_t webhook_notifier::delivered() const {
  std::lock_guard lock{mutex_};
  return delivered_;
}

std::size_t webhook_notifier::failed() const {
  std::lock_guard lock{mutex_};
  return failed_;
}

void webhook_notifier::run() {
  std::unique_lock lock{mutex_};
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_)
      return;
    auto content = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    const bool ok = post(content);
    lock.lock();
    ++(ok ? delivered_ : failed_);
  }
}

bool webhook_notifier::post(const std::string& content) const {
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver{io};
  beast::tcp_stream stream{io};
  beast::error_code ec;
  auto endpoints = resolver.resolve(host_, port_, ec);
  if (ec)
    return false;
  stream.expires_after(timeout_);
  stream.connect(endpoints, ec);
  if (ec)
    return false;
  http::request<http::string_body> req{http::verb::post, target_, 11};
  req.set(http::field::host, host_);
  req.set(http::field::content_type, "application/json");
  req.body() = boost::json::serialize(boost::json::object{{"content", content}});
  req.prepare_payload();
  stream.expires_after(timeout_);
  http::write(stream, req, ec);
  if (ec)
    return false;
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res, ec);
  if (ec)
    return false;
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  return res.result_int() >= 200 && res.result_int() < 300;
}

} // namespace bourse::bots
