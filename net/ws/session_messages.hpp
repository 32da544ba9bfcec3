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
using expiry = caf::atom_constant<caf::atom("ws_expiry")>;
} // namespace atoms

/// One WebSocket session: auction events (auction_subscriber), its account's fills and changes
/// (account_listener), plus the socket's inbound text frames, the end of the connection, its
/// heartbeat tick, the deadline of the first `auth` op and the expiry of its token. Public market data
/// does not pass through it (channel_fanout_actor.hpp).
using session_actor = caf::typed_actor<caf::reacts_to<auction_event>, caf::reacts_to<fill_notice>,
                                       caf::reacts_to<bourse::atoms::update, account_id>,
                                       caf::reacts_to<atoms::frame, std::string>,
                                       caf::reacts_to<atoms::closed>, caf::reacts_to<atoms::tick>,
                                       caf::reacts_to<atoms::auth_due>, caf::reacts_to<atoms::expiry>>;

} // namespace bourse::net::ws
