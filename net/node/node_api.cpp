#include "net/node/node_api.hpp"

#include <spdlog/spdlog.h>

#include "net/api/first_admin.hpp"

namespace bourse::node {
namespace {

constexpr std::chrono::milliseconds actor_timeout{2'000};
constexpr std::chrono::milliseconds provider_timeout{5'000};
constexpr int blocking_threads = 2;

} // namespace

node_api::node_api(const config::settings& s, const std::string& database_url,
                   const net::access_token_codec& codec, caf::actor_system& sys, const exchange& ex)
    : settings_(s), link_(database_url), users_(link_), refresh_store_(link_),
      refresh_(refresh_store_, s.auth.refresh_token_ttl_s), pool_(blocking_threads),
      auth_(s.auth, users_, refresh_, codec, pool_),
      discord_(s.auth.discord, auth_, users_, pool_, provider_timeout),
      market_(sys, ex.where, ex.instruments, actor_timeout),
      trading_(sys, ex.where, ex.instruments, actor_timeout),
      websocket_(sys, net::ws::session_config_from(s.limits, ex.where, ex.instruments, &codec), s.limits) {
  const auto admin = net::api::ensure_first_admin(users_, s.admin);
  if (admin.created)
    spdlog::info("first admin '{}' created", s.admin.username);
}

void node_api::add_routes(net::http::router& routes) {
  auth_.add_routes(routes);
  if (settings_.auth.discord.enabled)
    discord_.add_routes(routes);
  market_.add_routes(routes);
  trading_.add_routes(routes);
}

void node_api::stop() {
  pool_.join();
}

} // namespace bourse::node
