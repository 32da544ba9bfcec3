#include "actors/account/account_actor.hpp"

#include <caf/event_based_actor.hpp>

#include "tests/actors/runtime/exchange_fixture.hpp"

namespace bourse::testing {
namespace {

class account_actor_test : public exchange_fixture {};

TEST_F(account_actor_test, a_resend_returns_the_first_result_and_makes_no_second_order) {
  auto first = place(1, limit(11, "AAA", side::buy, 10'000, 10));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->reason, reason_code::none);
  auto again = place(1, limit(11, "AAA", side::buy, 10'050, 99));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *first);
  auto snap = ask<book_snapshot>(book("AAA"), caf::get_atom::value, atoms::snapshot::value);
  EXPECT_EQ(snap->bids.size(), 1u);
}

/// A book that takes orders and never answers (it hangs, or its answers are lost).
caf::behavior silent_book(caf::event_based_actor*, int) {
  return {[](atoms::submit, const order_request&) {
    // nop: no answer, no report
  }};
}

TEST_F(account_actor_test, an_order_its_book_never_answers_times_out_and_a_resend_reaches_the_book) {
  const auto real = book("AAA");
  ex_.where->put_book("AAA", caf::actor_cast<book_actor>(sys_.spawn(silent_book, 0)));
  const auto order = limit(11, "AAA", side::buy, 10'000, 10);
  self_->send(account(1), atoms::place::value, order);
  run();
  std::optional<order_result> first;
  self_->receive([&](order_result& r) { first = r; }, caf::after(std::chrono::seconds(0)) >> [] {});
  EXPECT_FALSE(first) << "answered before the book did or the timeout passed";
  fire_timers(); // the account's submit expiry
  self_->receive([&](order_result& r) { first = r; }, caf::after(std::chrono::seconds(0)) >> [] {});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->reason, reason_code::timeout);
  ex_.where->put_book("AAA", real);
  auto again = place(1, order);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->reason, reason_code::none);
  EXPECT_NE(again->id, 0u);
  EXPECT_EQ(place(1, order)->id, again->id) << "the answer is kept for resends";
  auto snap = ask<book_snapshot>(book("AAA"), caf::get_atom::value, atoms::snapshot::value);
  EXPECT_EQ(snap->bids.size(), 1u);
}

TEST_F(account_actor_test, risk_checks_reject_before_the_book) {
  auto too_big = place(1, limit(1, "AAA", side::buy, 10'000, 999'999));
  EXPECT_EQ(too_big->reason, reason_code::insufficient_buying_power);
  EXPECT_EQ(place(1, limit(2, "AAA", side::sell, 10'000, 5))->reason, reason_code::insufficient_shares);
  EXPECT_EQ(place(1, limit(3, "ZZZ", side::buy, 10'000, 5))->reason, reason_code::unknown_symbol);
  auto snap = ask<book_snapshot>(book("AAA"), caf::get_atom::value, atoms::snapshot::value);
  EXPECT_EQ(snap->next_order_id, 1u);
}

TEST_F(account_actor_test, risk_states_restrict_orders) {
  ASSERT_EQ(ask<reason_code>(account(1), atoms::deposit::value, std::string{"AAA"}, quantity{10}),
            reason_code::none);
  ASSERT_EQ(ask<risk_state>(account(1), atoms::risk::value, risk_state::halted), risk_state::halted);
  EXPECT_EQ(place(1, limit(1, "AAA", side::buy, 10'000, 1))->reason, reason_code::account_halted);
  ASSERT_EQ(ask<risk_state>(account(1), atoms::risk::value, risk_state::reducing), risk_state::reducing);
  auto open_margin = limit(2, "AAA", side::buy, 10'000, 1);
  open_margin.margin = true;
  EXPECT_EQ(place(1, open_margin)->reason, reason_code::account_reducing_only);
  auto reduce = limit(3, "AAA", side::sell, 10'100, 10);
  reduce.reduce_only = true;
  EXPECT_EQ(place(1, reduce)->reason, reason_code::none);
  auto beyond = limit(4, "AAA", side::sell, 10'100, 1);
  beyond.reduce_only = true;
  EXPECT_EQ(place(1, beyond)->reason, reason_code::account_reducing_only);
}

TEST_F(account_actor_test, an_idle_account_passivates_and_comes_back_with_its_state) {
  ASSERT_EQ(place(5, limit(1, "AAA", side::buy, 10'000, 1))->reason, reason_code::none);
  ASSERT_EQ(ask<order_result>(account(5), atoms::cancel::value, std::string{"AAA"}, std::uint64_t{1})->reason,
            reason_code::none);
  const auto before = ask<account_view>(account(5), caf::get_atom::value, atoms::view::value)->state_hash;
  fire_timers(); // first tick after activity: stays
  fire_timers(); // quiet tick: passivates
  auto running = ex_.where->running_accounts();
  EXPECT_EQ(std::count(running.begin(), running.end(), account_id{5}), 0);
  EXPECT_EQ(ask<account_view>(account(5), caf::get_atom::value, atoms::view::value)->state_hash, before);
  EXPECT_EQ(place(5, limit(1, "AAA", side::buy, 10'000, 1))->reason,
            reason_code::none); // resend: first result
}

} // namespace
} // namespace bourse::testing
