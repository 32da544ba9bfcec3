#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "bots/strategy/strategy_context.hpp"

namespace bourse::bots::testing {

/// An order_sink that records what a context sends, for strategy and risk tests.
class recording_sink final : public order_sink {
public:
  void submit(const order_request& request) override { submitted.push_back(request); }
  void cancel(std::uint64_t client_ref) override { cancelled.push_back(client_ref); }
  void refused(const order_request& request, reason_code reason) override {
    refusals.emplace_back(request, reason);
  }
  std::vector<order_request> submitted;
  std::vector<std::uint64_t> cancelled;
  std::vector<std::pair<order_request, reason_code>> refusals;
};

/// A two-sided top of book: bid/ask cents, 100 shares each.
inline top_of_book two_sided(cents bid, cents ask) {
  return {bid, 100, ask, 100};
}

/// A context for one test: default stock rules, account 7, $100,000 cash.
struct context_fixture {
  explicit context_fixture(risk_limits limits = {}) : ctx(instrument{}, 7, 10'000'000, limits, sink) {}
  /// Books a fill of the order `ref` for the whole open quantity at `price`.
  void fill(const order_request& order, cents price, quantity qty) {
    ctx.on_fill({ctx.now(), order.client_ref, order.order_side, price, qty, order.qty - qty, 0, false});
  }
  recording_sink sink;
  strategy_context ctx;
};

} // namespace bourse::bots::testing
