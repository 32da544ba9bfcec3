#pragma once

#include "actors/account/margin.hpp"
#include "actors/runtime/placement.hpp"

#include <caf/event_based_actor.hpp>

#include <chrono>
#include <functional>

namespace bourse::net::api {

/// The reference price (cents) of `symbol`'s price band now: the book's latest re-centring, else the
/// listing's; 0 for an unlisted symbol.
cents reference_of(const placement& where, const instrument_table& instruments, const std::string& symbol);

/// Asks, from `self`, every symbol's market data for its session summary and calls `then` once with
/// the mark prices (cents by symbol): the last trade of the session, else the band reference. A
/// market-data actor that is missing or silent past `timeout` leaves its symbol at the reference.
void request_marks(caf::event_based_actor* self, const placement& where, const instrument_table& instruments,
                   std::chrono::milliseconds timeout, std::function<void(mark_prices)> then);

} // namespace bourse::net::api
