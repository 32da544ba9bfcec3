#pragma once

#include <memory>

#include "actors/gateway/bot_status_board.hpp"
#include "net/http/router.hpp"

namespace bourse::node {

/// GET /api/v1/bots (role admin): the last status every bot process reported through the bot gateway,
/// as {"bots": [{name, state, pnl_cents, position, last_error, time_ns}]} sorted by name.
void add_bots_route(net::http::router& routes, std::shared_ptr<const bot_status_board> board);

} // namespace bourse::node
