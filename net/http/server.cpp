#include "net/http/server.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/field.hpp>
#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

namespace bourse::net::http {

namespace asio = boost::asio;

namespace {

std::optional<static_files> files_for(const config::settings& s) {
  if (s.node.static_dir.empty())
    return std::nullopt;
  return static_files(s.node.static_dir);
}

std::optional<asio::ssl::context> tls_for(const config::settings& s) {
  if (s.node.tls_cert_path.empty())
    return std::nullopt;
  asio::ssl::context ctx(asio::ssl::context::tls_server);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1);
  ctx.use_certificate_chain_file(s.node.tls_cert_path);
  ctx.use_private_key_file(s.node.tls_key_path, asio::ssl::context::pem);
  return ctx;
}

std::string read_optional_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in)
    text << in.rdbuf();
  return text.str();
}

} // namespace

server::server(const config::settings& s, router routes, const access_token_codec* codec)
    : settings_(s), routes_(std::move(routes)), readiness_([] { return true; }),
      openapi_document_(read_optional_file(s.node.openapi_path)), tls_(tls_for(s)),
      dispatch_(s.limits, routes_, registry_, codec, files_for(s)),
      connections_(std::make_shared<connection_limiter>(s.limits.max_connections_per_ip)),
      shared_(new connection_shared{s.limits, dispatch_, tls_ ? &*tls_ : nullptr}), acceptor_(io_) {
  add_builtin_routes();
  registry_.add_gauge("bourse_http_connections_open", "Open HTTP connections",
                      [shared = shared_.get()] { return shared->open_connections.load(); });
}

server::~server() {
  stop();
}

void server::set_readiness(std::function<bool()> check) {
  readiness_ = std::move(check);
}

void server::set_upgrade_handler(std::string path, upgrade_handler* handler) {
  shared_->upgrade_path = std::move(path);
  shared_->upgrade = handler;
}

void server::add_builtin_routes() {
  routes_.add(verb::get, "/healthz", permission::read_market,
              sync_handler([](request_context&) { return json_response(R"({"status":"ok"})"); }));
  routes_.add(verb::get, "/readyz", permission::read_market, sync_handler([this](request_context&) {
                if (!readiness_())
                  return error_response(reason_code::unavailable, "not ready");
                return json_response(R"({"status":"ready"})");
              }));
  routes_.add(verb::get, "/metrics", permission::read_market, sync_handler([this](request_context&) {
                response res{status::ok, 11};
                res.set(boost::beast::http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
                res.body() = registry_.render();
                res.prepare_payload();
                return res;
              }));
  routes_.add(verb::get, "/api/v1/openapi.json", permission::read_market,
              sync_handler([this](request_context&) {
                if (openapi_document_.empty())
                  return error_response(reason_code::not_found, "no OpenAPI document configured");
                return json_response(openapi_document_);
              }));
}

void server::start() {
  asio::ip::tcp::endpoint endpoint(asio::ip::make_address(settings_.node.listen_address),
                                   settings_.node.port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
  accept();
  for (std::int64_t i = 0; i < settings_.node.io_threads; ++i)
    threads_.emplace_back([this] { io_.run(); });
  spdlog::info("listening on {}:{}{}", settings_.node.listen_address, port_, tls_ ? " (TLS and plain)" : "");
}

void server::stop() {
  if (threads_.empty())
    return;
  asio::post(io_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  });
  io_.stop();
  for (auto& thread : threads_)
    thread.join();
  threads_.clear();
}

void server::accept() {
  acceptor_.async_accept(asio::make_strand(io_), [this](boost::system::error_code ec,
                                                        asio::ip::tcp::socket socket) {
    if (ec == asio::error::operation_aborted)
      return;
    if (!ec) {
      boost::system::error_code peer_ec;
      auto address = socket.remote_endpoint(peer_ec).address().to_string();
      auto slot = peer_ec ? nullptr : connections_->try_acquire(address);
      if (slot)
        serve_connection(std::move(socket), *shared_, std::move(address), std::move(slot));
      else
        registry_
            .get_counter("bourse_http_connections_refused_total", "Connections refused by the per-IP limit")
            .inc();
    }
    accept();
  });
}

} // namespace bourse::net::http
