#include "net/api/auction_wallet.hpp"

#include "actors/account/ledger.hpp"
#include "actors/auction/auction_bank.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <memory>

namespace bourse::net::api {

namespace {

struct wallet_state {
  ledger accounts;
  std::unique_ptr<auction_bank> bank;
  cents opening_cash = 0;

  /// Opens the wallet of id with the opening cash unless it exists.
  void ensure(account_id id) {
    if (accounts.find(id) != nullptr)
      return;
    accounts.open(id);
    if (opening_cash > 0)
      accounts.deposit(id, opening_cash);
  }
};

auction_bank_actor::behavior_type wallet(auction_bank_actor::stateful_pointer<wallet_state> self,
                                         cents opening_cash) {
  auto& st = self->state;
  st.opening_cash = opening_cash;
  st.bank = std::make_unique<auction_bank>(st.accounts);
  return {
      [self](auction_atoms::hold, account_id who, lot_id lot, cents amount) {
        self->state.ensure(who);
        return self->state.bank->hold(who, lot, amount);
      },
      [self](auction_atoms::release, account_id who, lot_id lot) {
        return self->state.bank->release(who, lot);
      },
      [self](auction_atoms::settle, const auction_settlement& s) {
        self->state.ensure(s.seller);
        return self->state.bank->settle(s);
      },
  };
}

} // namespace

auction_bank_actor spawn_auction_wallet(caf::actor_system& sys, cents opening_cash) {
  return sys.spawn(wallet, opening_cash);
}

} // namespace bourse::net::api
