#pragma once

#include "actors/common/reason_code.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace bourse::net {

/// Who a user is on the exchange; one role per user.
enum class role : std::uint8_t { admin, auctioneer, player, bot, viewer };

/// What a route or WebSocket op needs.
enum class permission : std::uint8_t {
  read_market,  ///< public market data
  trade,        ///< orders, account, positions
  run_auctions, ///< create and settle auction lots
  administer,   ///< instruments, deposits, freezes, role changes
};

/// Wire form: "admin", "auctioneer", "player", "bot", "viewer".
std::string_view to_string(role r) noexcept;

/// Parses the wire form; nullopt for an unknown string.
std::optional<role> role_from_string(std::string_view text) noexcept;

/// True when r grants p: admin everything, auctioneer auctions + trade + market, player and bot
/// trade + market, viewer market only.
bool allows(role r, permission p) noexcept;

/// none when allowed; unauthenticated without a role (except read_market, which is public);
/// forbidden when the role lacks p.
reason_code check_permission(std::optional<role> r, permission p) noexcept;

} // namespace bourse::net
