#pragma once

#include "actors/auction/auction_messages.hpp"
#include "actors/runtime/interfaces.hpp"

#include <caf/atom.hpp>
#include <caf/typed_actor.hpp>

#include <string>

namespace bourse::net::ws {

/// Message tags of the WebSocket session actor (CAF 0.17 atoms: at most 10 characters).
namespace atoms {
using frame = caf::atom_constant<caf::atom("ws_frame")>;
using closed = caf::atom_constant<caf::atom("ws_closed")>;
using tick = caf::atom_constant<caf::atom("ws_tick")>;
using auth_due = caf::atom_constant<caf::atom("ws_authdue")>;
} // namespace atoms

/// One WebSocket session: market data as an md_subscriber, auction events (auction_subscriber), its
/// account's fills and changes (account_listener), plus the socket's inbound text frames, the end of the
/// connection, its periodic tick (heartbeat, conflation, expiry) and the deadline of the first `auth` op.
using session_actor =
    md_subscriber::extend<caf::reacts_to<auction_event>, caf::reacts_to<fill_notice>,
                          caf::reacts_to<bourse::atoms::update, account_id>,
                          caf::reacts_to<atoms::frame, std::string>, caf::reacts_to<atoms::closed>,
                          caf::reacts_to<atoms::tick>, caf::reacts_to<atoms::auth_due>>;

} // namespace bourse::net::ws
