#include "actors/account/house_actor.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "actors/book/order_book.hpp"
#include "tests/actors/account/account_fixture.hpp"
#include "tests/actors/runtime/actor_fixture.hpp"

namespace bourse {
namespace {

fee_credit credit(sequence seq, liquidity role, cents fee) {
  return {.symbol = "OMNI", .seq = seq, .payer = 7, .client_ref = 1, .role = role, .fee = fee};
}

TEST(house_collect, counts_each_fee_once_in_sequence_and_role_order) {
  house_state house;
  EXPECT_TRUE(collect(house, credit(5, liquidity::taker, 10)));
  EXPECT_FALSE(collect(house, credit(5, liquidity::taker, 10)));
  EXPECT_TRUE(collect(house, credit(5, liquidity::maker, 3)));
  EXPECT_FALSE(collect(house, credit(4, liquidity::maker, 3)));
  EXPECT_FALSE(collect(house, credit(6, liquidity::taker, 0)));
  EXPECT_TRUE(collect(house, credit(6, liquidity::taker, 1)));
  EXPECT_EQ(house.acc.net_cash(), 14);
  EXPECT_TRUE(house.acc.journal().empty()) << "the house keeps no cash journal in memory";
}

/// Two accounts trade on a real book; each applies its own side and credits its fee through the hook
/// the account actor calls, and the house actor ends with every fee: cash is conserved across accounts.
class house_actor_test : public testing::actor_fixture {
protected:
  house_actor_test() {
    where_->put_house(spawn_house(sys_, house_));
    buyer_.deposit(1'000'000);
    seller_.issue_shares("OMNI", 1'000);
  }

  void trade(std::uint64_t ref, cents price, quantity qty) {
    ASSERT_EQ(seller_.place(inst_, test::limit(2, ref, side::sell, price, qty), false), reason_code::none);
    ASSERT_EQ(buyer_.place(inst_, test::limit(1, ref, side::buy, price, qty), false), reason_code::none);
    std::vector<book_event> events;
    book_.submit(test::limit(2, ref, side::sell, price, qty), now_, events);
    book_.submit(test::limit(1, ref, side::buy, price, qty), now_, events);
    for (const auto& e : events) {
      if (e.kind != book_event_kind::fill)
        continue;
      const auto taken = buyer_.apply_fill(inst_, e.client_ref, e.price, e.qty, liquidity::taker);
      credit_house(*where_, inst_.symbol, 1, e, liquidity::taker, taken.fee);
      const auto made = seller_.apply_fill(inst_, e.maker_client_ref, e.price, e.qty, liquidity::maker);
      credit_house(*where_, inst_.symbol, 2, e, liquidity::maker, made.fee);
      paid_ += taken.fee + made.fee;
    }
  }

  instrument inst_ = [] {
    auto inst = test::omni();
    inst.maker_fee_bps = 2;
    return inst;
  }();
  std::shared_ptr<placement> where_ = std::make_shared<placement>();
  std::shared_ptr<house_state> house_ = std::make_shared<house_state>();
  account buyer_{1};
  account seller_{2};
  order_book book_{inst_};
  timestamp_ns now_ = 1'000;
  cents paid_ = 0;
};

TEST_F(house_actor_test, collects_every_fee_so_net_cash_sums_to_deposits) {
  trade(1, 1'000, 100);
  trade(2, 1'010, 37);
  trade(3, 990, 250);
  ASSERT_GT(paid_, 0);
  const auto collected = ask<cents>(where_->house(), caf::get_atom::value, atoms::fee::value);
  ASSERT_TRUE(collected.has_value());
  EXPECT_EQ(*collected, paid_);
  EXPECT_EQ(buyer_.fees_paid() + seller_.fees_paid(), paid_);
  EXPECT_EQ(buyer_.net_cash() + seller_.net_cash() + *collected, buyer_.deposited() + seller_.deposited());
}

} // namespace
} // namespace bourse
