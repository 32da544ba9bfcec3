#include "actors/session/session_clock.hpp"

#include <gtest/gtest.h>

#include "tests/actors/runtime/exchange_fixture.hpp"

namespace bourse::testing {
namespace {

/// AAA around 100.00 with a ±10 % band (90.00 – 110.00) and a session clock.
class session_clock_test : public exchange_fixture {
protected:
  session_clock_test() : exchange_fixture({"AAA"}, with_clock()) {
    EXPECT_EQ(ask<reason_code>(account(seller_), atoms::deposit::value, std::string{"AAA"}, quantity{1'000}),
              reason_code::none);
  }

  static exchange_config with_clock() {
    exchange_config cfg = config();
    cfg.session.day_length = std::chrono::milliseconds(500);
    return cfg;
  }

  std::uint64_t book_open_orders() {
    auto snap = ask<book_snapshot>(book("AAA"), caf::get_atom::value, atoms::snapshot::value);
    EXPECT_TRUE(snap);
    return snap ? snap->bids.size() + snap->asks.size() : 0;
  }

  cents reserved(account_id id) {
    auto v = ask<account_view>(account(id), caf::get_atom::value, atoms::view::value);
    EXPECT_TRUE(v);
    return v ? v->cash_reserved : -1;
  }

  static constexpr account_id buyer_ = 1;
  static constexpr account_id seller_ = 2;
};

TEST_F(session_clock_test, day_end_expires_day_orders_and_recentres_the_band_on_the_last_trade) {
  auto day_bid = limit(1, "AAA", side::buy, 9'500, 10);
  day_bid.tif = time_in_force::day;
  EXPECT_EQ(place(buyer_, day_bid)->reason, reason_code::none);
  EXPECT_EQ(place(buyer_, limit(2, "AAA", side::buy, 9'000, 10))->reason, reason_code::none);
  EXPECT_EQ(place(seller_, limit(3, "AAA", side::sell, 10'800, 5))->reason, reason_code::none);
  EXPECT_EQ(place(buyer_, limit(4, "AAA", side::buy, 10'800, 5))->reason, reason_code::none);
  EXPECT_EQ(place(buyer_, limit(5, "AAA", side::buy, 11'500, 1))->reason, reason_code::outside_price_band);
  EXPECT_EQ(book_open_orders(), 2U);

  fire_timers();

  EXPECT_EQ(ex_.session->days_ended, 1U);
  EXPECT_EQ(book_open_orders(), 1U); // the DAY bid expired, the GTC bid rests
  expect_open_orders_match_books();
  // The band is now 108.00 ± 10 %: 97.20 – 118.80.
  EXPECT_EQ(place(buyer_, limit(6, "AAA", side::buy, 11'500, 1))->reason, reason_code::none);
  EXPECT_EQ(place(seller_, limit(7, "AAA", side::sell, 9'600, 1))->reason, reason_code::outside_price_band);
  expect_open_orders_match_books();
  expect_conservation({{"AAA", 1'000}});
}

TEST_F(session_clock_test, accounts_reserve_shorts_at_the_recentred_band_high) {
  EXPECT_EQ(place(seller_, limit(1, "AAA", side::sell, 10'800, 5))->reason, reason_code::none);
  EXPECT_EQ(place(buyer_, limit(1, "AAA", side::buy, 10'800, 5))->reason, reason_code::none);
  constexpr account_id shorter = 5;
  auto short_sell = [](std::uint64_t coid) {
    auto o = limit(coid, "AAA", side::sell, 10'900, 10);
    o.margin = true;
    return o;
  };
  ASSERT_EQ(place(shorter, short_sell(1))->reason, reason_code::none);
  const cents at_old_band = reserved(shorter); // margin on 10 × 110.00 (the band high)
  ASSERT_EQ(
      ask<order_result>(account(shorter), atoms::cancel::value, std::string{"AAA"}, std::uint64_t{1})->reason,
      reason_code::none);
  EXPECT_EQ(reserved(shorter), 0);

  fire_timers();

  ASSERT_EQ(place(shorter, short_sell(2))->reason, reason_code::none);
  // at 10 × 118.80 now: 50 % of 88.00 more margin, and the 5 bp fee 0.60 instead of 0.55
  EXPECT_EQ(reserved(shorter) - at_old_band, 4'405);
  expect_open_orders_match_books();
}

TEST_F(session_clock_test, a_day_without_trades_keeps_the_band) {
  fire_timers();
  fire_timers();
  EXPECT_EQ(ex_.session->days_ended, 2U);
  EXPECT_EQ(ask<cents>(book("AAA"), atoms::day_end::value), 10'000);
  EXPECT_EQ(place(buyer_, limit(1, "AAA", side::buy, 11'500, 1))->reason, reason_code::outside_price_band);
}

} // namespace
} // namespace bourse::testing
