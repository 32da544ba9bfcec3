#pragma once

#include "actors/account/margin.hpp"
#include "actors/runtime/exchange.hpp"
#include "actors/runtime/placement.hpp"

#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

namespace bourse::net::api {

/// Values up to `max_accounts` of the node's accounts at `marks` (cents by symbol), from `self`:
/// running accounts are asked through their actors (one that passivates or stays silent past
/// `timeout` is left out), passivated ones are valued from their checkpoints in `accounts`. Calls
/// `done` once with the views, in no particular order.
void gather_account_views(caf::event_based_actor* self, const placement& where,
                          const instrument_table& instruments, const account_store& accounts,
                          const mark_prices& marks, std::chrono::milliseconds timeout,
                          std::size_t max_accounts, std::function<void(std::vector<account_view>)> done);

} // namespace bourse::net::api
