#include "persistence/market_data_recovery.hpp"

#include <atomic>
#include <tuple>

#include "tests/persistence/durable_exchange_fixture.hpp"

namespace bourse::test {
namespace {

constexpr timestamp_ns second = 1'000'000'000;
constexpr timestamp_ns day = 86'400 * second;
constexpr timestamp_ns today = 20'000 * day; // a UTC midnight

/// What a market-data actor exposes: candles of every interval, the day summary, the depth.
struct md_view {
  std::vector<std::vector<candle>> candles;
  std::tuple<std::string, cents, cents, cents, cents, quantity, cents, std::uint64_t> day;
  std::vector<price_level_view> bids;
  std::vector<price_level_view> asks;
  friend bool operator==(const md_view&, const md_view&) = default;
};

class market_data_recovery_test : public durable_exchange_fixture {
protected:
  market_data_recovery_test() {
    book_now_ = [this] { return clock_.load(); };
  }

  /// One trade of `qty` shares at `price` at `time`: account 2 sells, account 1 buys.
  void trade_at(timestamp_ns time, cents price, quantity qty) {
    clock_ = time;
    ASSERT_EQ(place(2, next_coid_, "AAA", side::sell, price, qty).reason, reason_code::none);
    ASSERT_EQ(place(1, next_coid_, "AAA", side::buy, price, qty).reason, reason_code::none);
    ++next_coid_;
  }

  template <class T, class... Ts>
  T ask_md(const std::string& symbol, Ts... what) {
    T out{};
    self_->request(ex_.where->market_data(symbol), std::chrono::seconds(30), what...)
        .receive([&](T& reply) { out = std::move(reply); }, [](caf::error&) { FAIL(); });
    return out;
  }

  /// The view of `symbol`'s market-data actor once its 1 s candles hold `volume` shares.
  md_view view(const std::string& symbol, quantity volume) {
    daily_summary d;
    for (int round = 0; round < 10'000; ++round) {
      d = ask_md<daily_summary>(symbol, caf::get_atom::value, atoms::summary::value);
      quantity booked = 0;
      for (const auto& c :
           ask_md<std::vector<candle>>(symbol, caf::get_atom::value, atoms::candles::value, std::int64_t{1}))
        booked += c.volume;
      if (booked == volume)
        break;
    }
    md_view v;
    for (auto interval : candle_intervals_s)
      v.candles.push_back(
          ask_md<std::vector<candle>>(symbol, caf::get_atom::value, atoms::candles::value, interval));
    v.day = {d.symbol, d.open, d.high, d.low, d.last, d.volume, d.notional, d.trades};
    const auto snap = ask_md<l2_snapshot>(symbol, caf::get_atom::value, atoms::snapshot::value);
    v.bids = snap.bids;
    v.asks = snap.asks;
    return v;
  }

  void deposit_shares() {
    ASSERT_EQ(
        ask<reason_code>(ex_.where->account(2), atoms::deposit::value, std::string{"AAA"}, quantity{1'000}),
        reason_code::none);
  }

  std::atomic<timestamp_ns> clock_{today};
};

TEST_F(market_data_recovery_test,
       candles_day_summary_last_price_and_depth_after_a_restart_equal_the_live_ones) {
  deposit_shares();
  trade_at(today - 2 * 3'600 * second, 10'010, 3); // yesterday
  trade_at(today + second / 2, 10'000, 1);
  trade_at(today + second + 1, 10'020, 2);
  trade_at(today + second + 2, 9'990, 4);
  trade_at(today + 61 * second, 10'030, 1);
  trade_at(today + 3'601 * second, 10'040, 5);
  clock_ = today + 3'700 * second;
  ASSERT_EQ(place(1, 9'001, "AAA", side::buy, 9'980, 7).reason, reason_code::none); // resting depth
  ASSERT_EQ(place(2, 9'002, "AAA", side::sell, 10'050, 2).reason, reason_code::none);
  settled_hashes();
  // The shares trade once per pair of orders: volume 16 over 6 trades.
  const auto live = view("AAA", 16);
  ASSERT_EQ(live.candles[0].size(), 5U); // 1 s candles: yesterday, and 4 buckets today
  EXPECT_EQ(live.candles[5].size(), 2U); // 1 d candles: yesterday, today
  EXPECT_EQ(std::get<7>(live.day), 5U);  // today's trades only
  EXPECT_EQ(std::get<4>(live.day), 10'040);
  ASSERT_EQ(live.bids.size(), 1U);
  ASSERT_EQ(live.asks.size(), 1U);

  restart();
  EXPECT_EQ(view("AAA", 16), live);
  // A symbol that never traded starts empty.
  const auto quiet = view("BBB", 0);
  EXPECT_TRUE(quiet.candles[0].empty());
  EXPECT_EQ(std::get<7>(quiet.day), 0U);
  // The restarted actor keeps booking onto the rebuilt state.
  trade_at(today + 3'601 * second + 5, 10'000, 1);
  const auto after = view("AAA", 17);
  EXPECT_EQ(after.candles[4].back().volume, 6); // the open 1 h candle continued
  EXPECT_EQ(std::get<7>(after.day), 6U);
}

TEST_F(market_data_recovery_test, closed_candles_older_than_the_window_survive_a_restart) {
  deposit_shares();
  trade_at(today - 20 * day + 10 * second, 10'000, 1);
  trade_at(today - 9 * day + 3'600 * second, 10'010, 2);
  trade_at(today - 9 * day + 7'205 * second, 10'020, 1);
  trade_at(today - 2 * day, 10'030, 1); // inside the 7-day window
  trade_at(today + second, 10'040, 2);
  const auto live = view("AAA", 7);
  settled_hashes();                      // and every closed candle written
  ASSERT_EQ(live.candles[5].size(), 4U); // 1 d: three closed (two before the window), today open
  ASSERT_EQ(live.candles[4].size(), 5U); // 1 h
  EXPECT_EQ(live.candles[4][1],
            (candle{"AAA", 3'600, today - 9 * day + 3'600 * second, 10'010, 10'010, 10'010, 10'010, 2, 1}));
  EXPECT_EQ(count("SELECT count(*) FROM candles WHERE symbol = 'AAA' AND interval_s = 86400"), 3);
  // As if a crash lost the writes of the candles inside the window: recovery rebuilds and rewrites them.
  ASSERT_TRUE(conn_.exec("DELETE FROM candles WHERE open_time_ns >= $1", today - 2 * day));

  restart();
  EXPECT_EQ(view("AAA", 7), live);
  EXPECT_EQ(count("SELECT count(*) FROM candles WHERE symbol = 'AAA' AND interval_s = 86400"), 3);
  // The restarted actor goes on storing the candles it closes.
  trade_at(today + day, 10'050, 1);
  EXPECT_EQ(view("AAA", 8).candles[5].size(), 5U);
  settled_hashes();
  EXPECT_EQ(count("SELECT count(*) FROM candles WHERE symbol = 'AAA' AND interval_s = 86400"), 4);
}

TEST_F(market_data_recovery_test,
       trades_before_the_window_are_not_replayed_but_their_stored_candles_are_read) {
  deposit_shares();
  trade_at(today - 10 * day, 10'000, 1);
  trade_at(today - day + second, 10'010, 2);
  trade_at(today + 5 * second, 10'020, 3);
  view("AAA", 6);
  settled_hashes();
  market_data_recovery_config cfg;
  cfg.window_days = 1;
  auto books = recover_books(conn_, table_);
  ASSERT_TRUE(books);
  auto states = recover_market_data(conn_, table_, *books, cfg);
  ASSERT_TRUE(states);
  const auto& st = *states->at("AAA");
  const auto daily = st.series.back().candles();
  ASSERT_EQ(daily.size(), 3U);
  EXPECT_EQ(daily[0].open_time, today - 10 * day); // from the candles table
  EXPECT_EQ(daily[1].open_time, today - day);      // replayed
  EXPECT_EQ(daily[1].volume, 2);
  EXPECT_EQ(st.day.trades, 1U);
  EXPECT_EQ(st.day.last, 10'020);
  EXPECT_EQ(st.day_start, today);
  cfg.window_days = 0;
  cfg.candle_history = 1;
  auto narrow = recover_market_data(conn_, table_, *books, cfg);
  ASSERT_TRUE(narrow);
  const auto newest = narrow->at("AAA")->series.back().candles();
  ASSERT_EQ(newest.size(), 2U); // the newest stored closed candle, then today's open one
  EXPECT_EQ(newest[0].open_time, today - day);
  EXPECT_EQ(narrow->at("AAA")->day.volume, 3);
}

} // namespace
} // namespace bourse::test
