#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "actors/account/margin.hpp"
#include "actors/runtime/exchange.hpp"
#include "tests/actors/runtime/actor_fixture.hpp"

namespace bourse::testing {

/// A stock priced around 100.00 with a 10 % band, 5 bp taker fee.
inline instrument test_stock(std::string symbol) {
  instrument inst;
  inst.symbol = std::move(symbol);
  inst.name = inst.symbol;
  inst.reference_price = 10'000;
  return inst;
}

/// A whole in-process exchange on the testing scheduler.
class exchange_fixture : public actor_fixture {
protected:
  explicit exchange_fixture(const std::vector<std::string>& symbols = {"AAA", "BBB", "CCC"},
                            exchange_config cfg = config())
      : exchange_fixture(stocks(symbols), std::move(cfg)) {}

  exchange_fixture(const std::vector<instrument>& instruments, exchange_config cfg) {
    ex_ = build_exchange(sys_, instruments, std::move(cfg));
    run();
  }

  ~exchange_fixture() override {
    shutdown(ex_);
    run();
  }

  static std::vector<instrument> stocks(const std::vector<std::string>& symbols) {
    std::vector<instrument> out;
    for (const auto& s : symbols)
      out.push_back(test_stock(s));
    return out;
  }

  static exchange_config config() {
    exchange_config cfg;
    cfg.starting_cash = 100'000'000;
    return cfg;
  }

  account_actor account(account_id id) { return ex_.where->account(id); }
  book_actor book(const std::string& symbol) { return ex_.where->book(symbol); }

  /// A GTC limit order.
  static new_order limit(std::uint64_t coid, std::string symbol, side s, cents price, quantity qty) {
    new_order o;
    o.client_order_id = coid;
    o.symbol = std::move(symbol);
    o.order_side = s;
    o.price = price;
    o.qty = qty;
    return o;
  }

  std::optional<order_result> place(account_id id, const new_order& o) {
    return ask<order_result>(account(id), atoms::place::value, o);
  }

  /// Cash: Σ net cash over accounts + the house's net cash == Σ deposits − withdrawals, and the house
  /// holds exactly the fees the accounts paid; shares: Σ counted == issued.
  void expect_conservation(const std::map<std::string, quantity>& issued) {
    cents net = 0;
    cents fees = 0;
    cents deposits = 0;
    std::map<std::string, quantity> counted;
    for (const auto& [id, st] : ex_.accounts->all()) {
      net += st->acc.net_cash();
      fees += st->acc.fees_paid();
      deposits += st->acc.deposited() - st->acc.withdrawn();
      for (const auto& [symbol, pos] : st->acc.positions())
        counted[symbol] += shares_counted(pos);
    }
    const cents house = ex_.house->acc.net_cash();
    EXPECT_EQ(net + house, deposits);
    EXPECT_EQ(house, fees);
    for (const auto& [symbol, qty] : issued)
      EXPECT_EQ(counted[symbol], qty) << symbol;
  }

  /// Every account's open orders (symbol, owner, client_ref, open qty) equal the books' resting orders.
  void expect_open_orders_match_books() {
    std::set<std::tuple<std::string, account_id, std::uint64_t, quantity>> in_books;
    for (const auto& symbol : ex_.where->symbols()) {
      auto snap = ask<book_snapshot>(book(symbol), caf::get_atom::value, atoms::snapshot::value);
      ASSERT_TRUE(snap);
      for (const auto* side_orders : {&snap->bids, &snap->asks, &snap->stops})
        for (const auto& o : *side_orders)
          in_books.emplace(symbol, o.request.owner, o.request.client_ref, o.open_qty);
    }
    std::set<std::tuple<std::string, account_id, std::uint64_t, quantity>> in_accounts;
    for (const auto& [id, st] : ex_.accounts->all())
      for (const auto& [ref, r] : st->acc.open_orders())
        in_accounts.emplace(r.symbol, id, ref, r.open_qty);
    EXPECT_EQ(in_books, in_accounts);
  }

  exchange ex_;
};

} // namespace bourse::testing
