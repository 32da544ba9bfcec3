#include "actors/book/book_actor.hpp"

#include "tests/actors/runtime/exchange_fixture.hpp"

namespace bourse::testing {
namespace {

class book_actor_test : public exchange_fixture {
protected:
  account_view view(account_id id) {
    return ask<account_view>(account(id), caf::get_atom::value, atoms::view::value).value();
  }
};

TEST_F(book_actor_test, a_trade_reaches_both_accounts_and_market_data) {
  ASSERT_EQ(ask<reason_code>(account(2), atoms::deposit::value, std::string{"AAA"}, quantity{50}),
            reason_code::none);
  ASSERT_EQ(place(1, limit(1, "AAA", side::buy, 10'000, 10))->reason, reason_code::none);
  ASSERT_EQ(place(2, limit(7, "AAA", side::sell, 10'000, 4))->reason, reason_code::none);
  auto buyer = view(1);
  ASSERT_EQ(buyer.positions.size(), 1u);
  EXPECT_EQ(buyer.positions[0].net(), 4);
  ASSERT_EQ(buyer.open_orders.size(), 1u);
  EXPECT_EQ(buyer.open_orders[0].open_qty, 6);
  auto seller = view(2);
  EXPECT_EQ(seller.positions[0].net(), 46);
  EXPECT_TRUE(seller.open_orders.empty());
  auto day = ask<daily_summary>(ex_.where->market_data("AAA"), caf::get_atom::value, atoms::summary::value);
  ASSERT_TRUE(day);
  EXPECT_EQ(day->volume, 4);
  EXPECT_EQ(day->last, 10'000);
}

TEST_F(book_actor_test, the_day_end_forgets_replies_of_closed_orders_and_keeps_open_ones) {
  ASSERT_EQ(ask<reason_code>(account(2), atoms::deposit::value, std::string{"AAA"}, quantity{50}),
            reason_code::none);
  ASSERT_EQ(place(1, limit(1, "AAA", side::buy, 10'000, 4))->reason, reason_code::none);
  ASSERT_EQ(place(2, limit(7, "AAA", side::sell, 10'000, 4))->reason, reason_code::none); // both filled
  const auto resting = place(1, limit(2, "AAA", side::buy, 9'000, 1));
  ASSERT_EQ(resting->reason, reason_code::none);
  const auto& replies = ex_.books.at("AAA")->replies;
  ASSERT_EQ(replies.size(), 3u);
  ASSERT_TRUE(ask<cents>(book("AAA"), atoms::day_end::value));
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies.begin()->second.id, resting->id);
  EXPECT_EQ(place(1, limit(2, "AAA", side::buy, 9'000, 1))->id, resting->id) << "an open order still dedups";
}

TEST_F(book_actor_test, a_halted_book_rejects_orders_and_the_account_releases_the_reservation) {
  EXPECT_EQ(ask<bool>(book("AAA"), atoms::halt::value, true), true);
  auto rejected = place(1, limit(1, "AAA", side::buy, 10'000, 10));
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->reason, reason_code::instrument_halted);
  EXPECT_EQ(view(1).cash_reserved, 0);
  EXPECT_EQ(ask<bool>(book("AAA"), atoms::halt::value, false), false);
  EXPECT_EQ(place(1, limit(2, "AAA", side::buy, 10'000, 10))->reason, reason_code::none);
  EXPECT_GT(view(1).cash_reserved, 0);
}

TEST_F(book_actor_test, cancel_goes_through_the_book_and_releases_cash) {
  ASSERT_EQ(place(1, limit(1, "BBB", side::buy, 9'950, 10))->reason, reason_code::none);
  auto cancelled = ask<order_result>(account(1), atoms::cancel::value, std::string{"BBB"}, std::uint64_t{1});
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->reason, reason_code::none);
  EXPECT_EQ(view(1).cash_reserved, 0);
  auto again = ask<order_result>(account(1), atoms::cancel::value, std::string{"BBB"}, std::uint64_t{1});
  EXPECT_EQ(again->reason, reason_code::unknown_order);
}

} // namespace
} // namespace bourse::testing
