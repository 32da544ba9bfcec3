#include "actors/runtime/exchange.hpp"

#include <random>

#include "tests/actors/runtime/exchange_fixture.hpp"

namespace bourse::testing {
namespace {

class exchange_test : public exchange_fixture {};

constexpr account_id first_account = 1;
constexpr account_id accounts = 40;
constexpr quantity shares_each = 10'000;

TEST_F(exchange_test, random_orders_conserve_cash_and_shares_and_accounts_match_books) {
  std::map<std::string, quantity> issued;
  for (account_id id = first_account; id < first_account + accounts; ++id)
    for (const auto& symbol : ex_.where->symbols()) {
      ASSERT_EQ(ask<reason_code>(account(id), atoms::deposit::value, symbol, shares_each), reason_code::none);
      issued[symbol] += shares_each;
    }
  std::mt19937_64 rng{42};
  const auto symbols = ex_.where->symbols();
  std::map<reason_code, int> outcomes;
  std::map<reason_code, int> replaces;
  std::vector<std::tuple<account_id, std::string, std::uint64_t>> placed;
  using handle =
      decltype(self_->request(account(1), std::chrono::seconds(1), atoms::place::value, new_order{}));
  std::vector<handle> batch;
  auto settle = [&] {
    run();
    for (auto& h : batch)
      h.receive([&](order_result& r) { ++outcomes[r.reason]; },
                [&](caf::error&) { ++outcomes[reason_code::internal_error]; });
    batch.clear();
  };
  for (std::uint64_t n = 1; n <= 3'000; ++n) {
    const account_id id = first_account + rng() % accounts;
    const auto& symbol = symbols[rng() % symbols.size()];
    const side s = rng() % 2 ? side::buy : side::sell;
    auto order =
        limit(n, symbol, s, 9'900 + static_cast<cents>(rng() % 200), 1 + static_cast<quantity>(rng() % 50));
    if (rng() % 10 == 0)
      order.tif = time_in_force::ioc;
    batch.push_back(self_->request(account(id), std::chrono::seconds(30), atoms::place::value, order));
    placed.emplace_back(id, symbol, n);
    if (n % 50 == 0)
      settle();
    if (n % 50 == 0 && rng() % 2 == 0) {
      auto [cid, csym, coid] = placed[rng() % placed.size()];
      auto r = ask<order_result>(account(cid), atoms::cancel::value, csym, coid);
      ASSERT_TRUE(r);
    }
    if (n % 10 == 0) {
      auto [rid, rsym, roid] = placed[rng() % placed.size()];
      auto r =
          ask<order_result>(account(rid), atoms::replace::value, rsym, roid,
                            9'900 + static_cast<cents>(rng() % 200), 1 + static_cast<quantity>(rng() % 80));
      ASSERT_TRUE(r);
      ++replaces[r->reason];
    }
  }
  settle();
  EXPECT_GT(outcomes[reason_code::none], 2'000);
  EXPECT_EQ(outcomes[reason_code::internal_error], 0);
  EXPECT_GT(replaces[reason_code::none], 30);
  EXPECT_GT(ex_.house->acc.net_cash(), 0);
  expect_conservation(issued);
  expect_open_orders_match_books();
}

} // namespace
} // namespace bourse::testing
