#include "net/ws/ws_endpoint.hpp"

#include "net/ws/ws_connection.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/field.hpp>
#include <caf/send.hpp>

#include <algorithm>

namespace bourse::net::ws {

namespace {

using field = boost::beast::http::field;

constexpr std::string_view cookie_name = "access_token=";
constexpr std::string_view bearer_protocol = "bearer.";

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return s;
}

/// The items of a header list separated by sep.
std::vector<std::string_view> items(std::string_view header, char sep) {
  std::vector<std::string_view> out;
  while (!header.empty()) {
    auto at = header.find(sep);
    out.push_back(trim(header.substr(0, at)));
    header = at == std::string_view::npos ? std::string_view() : header.substr(at + 1);
  }
  return out;
}

/// The handshake's access token: the access_token cookie, else a `bearer.<token>` subprotocol.
std::string_view token_of(const http::request& req) {
  for (auto cookie : items(req[field::cookie], ';'))
    if (cookie.starts_with(cookie_name))
      return cookie.substr(cookie_name.size());
  for (auto protocol : items(req[field::sec_websocket_protocol], ','))
    if (protocol.starts_with(bearer_protocol))
      return protocol.substr(bearer_protocol.size());
  return {};
}

bool origin_allowed(const http::request& req, const std::vector<std::string>& allowed) {
  auto origin = req[field::origin];
  if (origin.empty())
    return true;
  if (std::find(allowed.begin(), allowed.end(), origin) != allowed.end())
    return true;
  auto scheme_end = origin.find("://");
  return scheme_end != std::string_view::npos && !req[field::host].empty() &&
         origin.substr(scheme_end + 3) == req[field::host];
}

/// A fan-out lane: a strand of the I/O threads' io_context.
class strand_lane final : public ws_lane {
public:
  explicit strand_lane(boost::asio::io_context& io) : strand_(boost::asio::make_strand(io)) {}

  void run(std::function<void()> job) override { boost::asio::post(strand_, std::move(job)); }

private:
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
};

template <class Stream>
void serve(Stream stream, http::request req, std::unique_ptr<connection_limiter::slot> slot,
           ws_endpoint& ep) {
  std::make_shared<ws_connection<Stream>>(std::move(stream), std::move(req), std::move(slot), ep)->run();
}

} // namespace

session_config session_config_from(const config::limits_settings& limits, std::shared_ptr<placement> where,
                                   std::shared_ptr<const instrument_registry> instruments,
                                   const access_token_codec* codec) {
  session_config cfg;
  cfg.where = std::move(where);
  cfg.instruments = std::move(instruments);
  cfg.codec = codec;
  cfg.messages_per_s = limits.ws_messages_per_s;
  cfg.bounds.max_messages = limits.outbound_queue_messages;
  cfg.bounds.max_bytes = limits.outbound_queue_bytes;
  cfg.bounds.conflate_after_messages = std::max<std::int64_t>(1, limits.outbound_queue_messages / 4);
  return cfg;
}

ws_endpoint::ws_endpoint(caf::actor_system& sys, session_config cfg, const config::limits_settings& limits)
    : sys_(sys), cfg_(std::move(cfg)), limits_(limits) {
  cfg_.fanout = spawn_fanout(sys_, fanout_config{cfg_.where, cfg_.instruments, cfg_.bounds,
                                                 fanout_config{}.tick, cfg_.request_timeout});
}

ws_endpoint::~ws_endpoint() {
  caf::anon_send_exit(cfg_.fanout, caf::exit_reason::user_shutdown);
}

std::shared_ptr<ws_lane> ws_endpoint::lane_for(const boost::asio::any_io_executor& ex) {
  using io_strand = boost::asio::strand<boost::asio::io_context::executor_type>;
  const auto* strand = ex.target<io_strand>();
  if (strand == nullptr)
    return nullptr;
  auto* io = &strand->get_inner_executor().context();
  std::lock_guard lock(lanes_mutex_);
  auto& slot = lanes_[next_lane_++ % fanout_lanes];
  auto lane = slot.lock();
  if (!lane) {
    lane = std::make_shared<strand_lane>(*io);
    slot = lane;
  }
  return lane;
}

ws_endpoint::admission ws_endpoint::admit(const http::request& req) const {
  if (!origin_allowed(req, limits_.allowed_origins))
    return {reason_code::origin_not_allowed, std::nullopt};
  auto token = token_of(req);
  if (token.empty())
    return {};
  if (cfg_.codec == nullptr)
    return {reason_code::token_invalid, std::nullopt};
  auto check = cfg_.codec->verify(token, unix_ms() / 1000);
  if (check.code != reason_code::none)
    return {check.code, std::nullopt};
  return {reason_code::none, std::move(check.claims)};
}

session_actor ws_endpoint::start_session(std::shared_ptr<ws_outbox> out, std::optional<access_claims> user) {
  return spawn_session(sys_, cfg_, std::move(out), std::move(user));
}

void ws_endpoint::upgrade(boost::beast::tcp_stream stream, http::request req, std::string,
                          std::unique_ptr<connection_limiter::slot> slot) {
  serve(std::move(stream), std::move(req), std::move(slot), *this);
}

void ws_endpoint::upgrade(tls_stream stream, http::request req, std::string,
                          std::unique_ptr<connection_limiter::slot> slot) {
  serve(std::move(stream), std::move(req), std::move(slot), *this);
}

} // namespace bourse::net::ws
