#include "net/auth/roles.hpp"

#include <array>
#include <utility>

namespace bourse::net {

namespace {

constexpr std::array<std::pair<role, std::string_view>, 5> names = {{
    {role::admin, "admin"},
    {role::auctioneer, "auctioneer"},
    {role::player, "player"},
    {role::bot, "bot"},
    {role::viewer, "viewer"},
}};

} // namespace

std::string_view to_string(role r) noexcept {
  for (auto [value, name] : names)
    if (value == r)
      return name;
  return "viewer";
}

std::optional<role> role_from_string(std::string_view text) noexcept {
  for (auto [value, name] : names)
    if (name == text)
      return value;
  return std::nullopt;
}

bool allows(role r, permission p) noexcept {
  switch (p) {
  case permission::read_market:
    return true;
  case permission::trade:
    return r != role::viewer;
  case permission::run_auctions:
    return r == role::admin || r == role::auctioneer;
  case permission::administer:
    return r == role::admin;
  }
  return false;
}

reason_code check_permission(std::optional<role> r, permission p) noexcept {
  if (p == permission::read_market)
    return reason_code::none;
  if (!r)
    return reason_code::unauthenticated;
  return allows(*r, p) ? reason_code::none : reason_code::forbidden;
}

} // namespace bourse::net
