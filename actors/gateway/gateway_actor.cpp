#include "actors/gateway/gateway_actor.hpp"

#include <array>
#include <chrono>
#include <map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <caf/io/middleman.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <spdlog/spdlog.h>

#include "actors/gateway/account_tap.hpp"

namespace bourse {
namespace {

using digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

digest sha256(std::string_view text) {
  digest out{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), out.data());
  return out;
}

struct gateway_state {
  std::shared_ptr<placement> where;
  std::shared_ptr<const instrument_registry> instruments;
  std::shared_ptr<bot_status_board> board;
  std::string secret;
  timestamp_ns clock_started_at = 0;
  std::map<std::string, account_id, std::less<>> bots; ///< logged-in names
  std::map<account_id, caf::actor> taps;               ///< one per bot account
  bot_funding_config funding;
  std::map<account_id, caf::actor_clock::time_point> funding_checked; ///< last funding check per bot
};

using gateway_pointer = gateway_actor::stateful_pointer<gateway_state>;

/// Constant-time check of a presented credential against the configured secret.
bool credential_ok(const std::string& secret, const std::string& presented) {
  if (secret.empty())
    return false;
  const auto a = sha256(secret);
  const auto b = sha256(presented);
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bot_login login(gateway_pointer self, const std::string& name, const std::string& credential,
                const order_listener& listener) {
  auto& st = self->state;
  if (!credential_ok(st.secret, credential))
    return {reason_code::invalid_credentials, 0, {}};
  if (!valid_bot_name(name))
    return {reason_code::forbidden, 0, {}};
  const auto id = bot_account_id(name);
  if (auto known = st.bots.find(name); known == st.bots.end()) {
    for (const auto& [other, other_id] : st.bots)
      if (other_id == id)
        return {reason_code::forbidden, 0, {}};
    st.bots.emplace(name, id);
  }
  auto tap = st.taps.find(id);
  if (tap == st.taps.end()) {
    if (!st.where->account(id))
      return {reason_code::unavailable, 0, {}};
    tap = st.taps.emplace(id, spawn_account_tap(self->system(), id, st.where)).first;
    self->link_to(tap->second);
  }
  if (listener)
    caf::anon_send(tap->second, atoms::watch::value, listener);
  return {reason_code::none, id, caf::actor_cast<account_actor>(tap->second), st.clock_started_at};
}

/// Tops up bot account `id` when its equity is below the funding floor, at most once per interval.
void fund_if_low(gateway_pointer self, account_id id) {
  auto& st = self->state;
  if (st.funding.floor <= 0)
    return;
  const auto now = self->clock().now();
  auto [checked, first] = st.funding_checked.try_emplace(id, now);
  if (!first && now - checked->second < st.funding.interval)
    return;
  checked->second = now;
  auto account = st.where->account(id);
  if (!account)
    return;
  const auto timeout = st.funding.timeout;
  self->request(account, timeout, caf::get_atom::value, atoms::view::value)
      .then(
          [self, account, timeout, id](const account_view& view) {
            const cents top_up = bot_top_up(self->state.funding, view.equity);
            if (top_up <= 0)
              return;
            self->request(account, timeout, atoms::deposit::value, top_up)
                .then(
                    [id, top_up, equity = view.equity](reason_code reason) {
                      spdlog::info("bot funding: account {} equity {} cents, deposit {} cents: {}", id,
                                   equity, top_up, to_string(reason));
                    },
                    [id](const caf::error& e) {
                      spdlog::warn("bot funding: deposit into account {} failed: {}", id, to_string(e));
                    });
          },
          [](const caf::error&) {});
}

gateway_actor::behavior_type gateway(gateway_pointer self, std::shared_ptr<placement> where,
                                     std::shared_ptr<const instrument_registry> instruments,
                                     gateway_config cfg, std::shared_ptr<bot_status_board> board) {
  self->state.where = std::move(where);
  self->state.instruments = std::move(instruments);
  self->state.board = std::move(board);
  self->state.secret = std::move(cfg.secret);
  self->state.clock_started_at = cfg.clock_started_at;
  self->state.funding = cfg.funding;
  return {
      [self](atoms::login, const std::string& name, const std::string& credential,
             const order_listener& listener) { return login(self, name, credential, listener); },
      [self](atoms::lookup, const std::string& symbol) {
        auto& st = self->state;
        const auto& listed = st.instruments->current();
        auto inst = listed.find(symbol);
        auto md = st.where->market_data(symbol);
        if (inst == listed.end() || !md)
          return symbol_info{reason_code::unknown_symbol, {}, {}};
        return symbol_info{reason_code::none, inst->second, md};
      },
      [self](atoms::status, bot_status& status) {
        const auto known = self->state.bots.find(status.name);
        if (known == self->state.bots.end())
          return;
        fund_if_low(self, known->second);
        self->state.board->put(std::move(status));
      },
  };
}

/// True when `host`:`port` can be bound and listened on now with SO_REUSEADDR; true as well for a
/// host that is not a literal address (left to the middleman to resolve).
bool can_listen(const std::string& host, std::uint16_t port) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec)
    return true;
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor probe(io);
  const boost::asio::ip::tcp::endpoint endpoint(address, port);
  probe.open(endpoint.protocol(), ec);
  if (!ec)
    probe.set_option(boost::asio::socket_base::reuse_address(true), ec);
  if (!ec)
    probe.bind(endpoint, ec);
  if (!ec)
    probe.listen(boost::asio::socket_base::max_listen_connections, ec);
  return !ec;
}

} // namespace

account_id bot_account_id(std::string_view bot_name) noexcept {
  std::uint64_t h = 14'695'981'039'346'656'037ULL;
  for (unsigned char c : bot_name) {
    h ^= c;
    h *= 1'099'511'628'211ULL;
  }
  return (account_id{1} << 62) + (h & ((account_id{1} << 40) - 1));
}

bool valid_bot_name(std::string_view bot_name) noexcept {
  if (bot_name.empty() || bot_name.size() > 64)
    return false;
  for (char c : bot_name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '-';
    if (!ok)
      return false;
  }
  return true;
}

gateway_actor spawn_gateway(caf::actor_system& sys, std::shared_ptr<placement> where,
                            std::shared_ptr<const instrument_registry> instruments, gateway_config cfg,
                            std::shared_ptr<bot_status_board> board) {
  // Read the clock here, not in the actor's first run, which a worker thread may start later.
  if (cfg.clock_started_at == 0)
    cfg.clock_started_at = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  return sys.spawn(gateway, std::move(where), std::move(instruments), std::move(cfg), std::move(board));
}

caf::expected<std::uint16_t> publish_gateway(caf::actor_system& sys, const gateway_actor& gateway,
                                             std::uint16_t port, const std::string& host) {
  // CAF 0.17's publish with SO_REUSEADDR does not fail on a port another process listens on (the
  // node then hangs): bind it once ourselves first, the way the middleman will.
  if (port != 0 && !can_listen(host, port))
    return caf::make_error(caf::sec::cannot_open_port,
                           "address in use: " + host + ":" + std::to_string(port));
  return sys.middleman().publish(gateway, port, host.c_str(), true);
}

} // namespace bourse
