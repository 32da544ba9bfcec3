#pragma once

#include <string>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "actors/common/instrument.hpp"
#include "actors/runtime/interfaces.hpp"

/// Messages between a node's bot gateway and bot processes (CAF remote actors). Money cents,
/// quantities shares, times ns UTC; no floating point.
namespace bourse {

namespace atoms {
using login = caf::atom_constant<caf::atom("login")>;
using lookup = caf::atom_constant<caf::atom("lookup")>;
using status = caf::atom_constant<caf::atom("botstatus")>;
using watch = caf::atom_constant<caf::atom("watch")>;
} // namespace atoms

/// Receives the execution reports (accepted, fills, cancels, ...) of one bot account.
using order_listener = caf::typed_actor<caf::reacts_to<execution_report>>;

/// The answer to a login: the bot's account id and the account handle to send orders to, or
/// `reason` INVALID_CREDENTIALS (wrong secret), FORBIDDEN (bad bot name) or UNAVAILABLE.
/// `clock_started_at` (ns UTC) is when the node's game clock started, so every bot maps wall time to
/// history as the node does (0 = not said).
struct bot_login {
  reason_code reason = reason_code::none;
  account_id account = 0;
  account_actor orders;
  timestamp_ns clock_started_at = 0;
};

/// The answer to a symbol lookup: its trading rules and market-data actor, or UNKNOWN_SYMBOL.
struct symbol_info {
  reason_code reason = reason_code::none;
  instrument rules;
  market_data_actor market_data;
};

/// What a bot last reported: state word (e.g. running, killed, disconnected), P&L cents, position
/// shares, last error (empty when none), `time` ns UTC of the report.
struct bot_status {
  std::string name;
  std::string state;
  cents pnl = 0;
  quantity position = 0;
  std::string last_error;
  timestamp_ns time = 0;
  friend bool operator==(const bot_status&, const bot_status&) = default;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, instrument& x) {
  return f(caf::meta::type_name("instrument"), x.symbol, x.name, x.type, x.sector, x.tick_size, x.lot_size,
           x.min_quantity, x.max_quantity, x.reference_price, x.price_band_bps, x.margin_allowed,
           x.initial_margin_bps, x.maintenance_margin_bps, x.maker_fee_bps, x.taker_fee_bps);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, bot_login& x) {
  return f(caf::meta::type_name("bot_login"), x.reason, x.account, x.orders, x.clock_started_at);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, symbol_info& x) {
  return f(caf::meta::type_name("symbol_info"), x.reason, x.rules, x.market_data);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, bot_status& x) {
  return f(caf::meta::type_name("bot_status"), x.name, x.state, x.pnl, x.position, x.last_error, x.time);
}

/// The bot gateway a node publishes for bot processes.
using gateway_actor = caf::typed_actor<
    /// (bot name, credential, listener for the account's execution reports) -> bot_login.
    caf::replies_to<atoms::login, std::string, std::string, order_listener>::with<bot_login>,
    /// (symbol) -> symbol_info.
    caf::replies_to<atoms::lookup, std::string>::with<symbol_info>,
    /// A logged-in bot's periodic status; unknown bot names are ignored.
    caf::reacts_to<atoms::status, bot_status>>;

/// Registers the gateway's message types (and those of the runtime, register_message_types) with a
/// CAF configuration; node and bot processes both call it before creating their actor system.
void register_gateway_types(caf::actor_system_config& cfg);

} // namespace bourse
