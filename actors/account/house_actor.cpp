#include "actors/account/house_actor.hpp"

#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace bourse {

bool collect(house_state& state, const fee_credit& credit) {
  if (credit.fee <= 0)
    return false;
  const house_state::last_credit now{credit.seq, credit.role == liquidity::taker ? 0 : 1};
  auto [it, fresh] = state.last.try_emplace({credit.payer, credit.symbol}, now);
  if (!fresh) {
    if (now <= it->second)
      return false;
    it->second = now;
  }
  state.acc.collect_fee(credit.symbol, credit.client_ref, credit.fee);
  // The income is in the ledger as the payers' FEE rows, and recovery rebuilds the house's cash from
  // the accounts' house_credited: its own cash journal would only grow.
  state.acc.take_journal();
  return true;
}

house_actor spawn_house(caf::actor_system& sys, std::shared_ptr<house_state> state) {
  // State as a spawn argument: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](house_actor::pointer, std::shared_ptr<house_state> st) -> house_actor::behavior_type {
        return {
            [st](atoms::fee, const fee_credit& credit) { collect(*st, credit); },
            [st](caf::get_atom, atoms::fee) { return st->acc.net_cash(); },
        };
      },
      std::move(state));
}

void credit_house(const placement& where, const std::string& symbol, account_id payer, const book_event& fill,
                  liquidity role, cents fee) {
  if (fee <= 0)
    return;
  auto house = where.house();
  if (!house)
    return;
  const std::uint64_t ref = role == liquidity::taker ? fill.client_ref : fill.maker_client_ref;
  caf::anon_send(house, atoms::fee::value, fee_credit{symbol, fill.seq, payer, ref, role, fee});
}

} // namespace bourse
