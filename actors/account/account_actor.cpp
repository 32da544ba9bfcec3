#include "actors/account/account_actor.hpp"

#include <boost/container_hash/hash.hpp>

#include "actors/account/account_shell.hpp"

namespace bourse {

std::uint64_t state_hash(const account& acc) {
  std::size_t h = 0;
  for (cents c : {acc.free_cash(), acc.reserved_cash(), acc.posted_margin(), acc.short_proceeds(),
                  acc.borrowed_cash(), acc.deposited(), acc.withdrawn(), acc.fees_paid()})
    boost::hash_combine(h, c);
  boost::hash_combine(h, static_cast<int>(acc.state()));
  for (const auto& [symbol, p] : acc.positions()) {
    boost::hash_combine(h, symbol);
    for (std::int64_t v : {p.spot, p.spot_reserved, p.spot_cost, p.margin, p.margin_closing, p.margin_cost,
                           p.margin_posted, p.realized_pnl})
      boost::hash_combine(h, v);
  }
  for (const auto& [ref, r] : acc.open_orders()) {
    boost::hash_combine(h, ref);
    boost::hash_combine(h, r.symbol);
    for (std::int64_t v : {r.price, r.open_qty, r.cash})
      boost::hash_combine(h, v);
  }
  return h;
}

account_actor spawn_account(caf::actor_system& sys, std::shared_ptr<account_actor_state> state,
                            std::shared_ptr<const instrument_registry> instruments,
                            std::shared_ptr<placement> where, account_actor_config cfg) {
  // State as spawn arguments: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](account_actor::pointer self, std::shared_ptr<account_actor_state> st,
         std::shared_ptr<const instrument_registry> inst, std::shared_ptr<placement> w,
         account_actor_config c) {
        return account_shell::behavior(std::make_shared<account_shell>(self, st, inst, w, c));
      },
      std::move(state), std::move(instruments), std::move(where), std::move(cfg));
}

} // namespace bourse
