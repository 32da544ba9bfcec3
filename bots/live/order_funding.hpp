#pragma once

#include <cstdint>
#include <unordered_map>

#include "actors/common/types.hpp"

namespace bourse::bots {

/// How a live bot that starts with cash only funds its orders on the node's accounts, which keep spot
/// and margin positions apart: a sell is spot while the bot holds free spot shares, otherwise a margin
/// order (opening a short); a buy covers a margin short when one of at least its size is uncovered,
/// otherwise it is spot. So a flat market maker can quote both sides at once (a spot buy and a short
/// sell), which the account allows, where two margin orders (open long + open short) are refused.
/// Quantities are shares; orders are keyed by the context's client_ref.
class order_funding {
public:
  /// Decides order `client_ref` (`s`, `qty`): true = send as a margin order. Reserves what it uses.
  bool place(std::uint64_t client_ref, side s, quantity qty);
  /// `qty` shares of order `client_ref` traded.
  void filled(std::uint64_t client_ref, quantity qty);
  /// Order `client_ref` left the book (cancelled, rejected, expired, IOC rest): frees its reservation.
  void closed(std::uint64_t client_ref);

  quantity spot() const noexcept { return spot_; }
  quantity short_position() const noexcept { return short_; }

private:
  struct order {
    side order_side;
    bool margin;
    quantity open;
  };
  void release(const order& o) noexcept;

  quantity spot_ = 0;         ///< spot shares held
  quantity spot_selling_ = 0; ///< of which open spot sells will deliver
  quantity short_ = 0;        ///< margin short, shares
  quantity covering_ = 0;     ///< of which open margin buys will cover
  std::unordered_map<std::uint64_t, order> open_;
};

} // namespace bourse::bots
