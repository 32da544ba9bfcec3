#include "net/ws/channel_fanout.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <deque>

namespace bourse::net::ws {
namespace {

/// An outbox that keeps every frame and never writes: its queue only shrinks by drain().
class recording_outbox : public ws_outbox {
public:
  /// The frames received, parsed.
  std::vector<boost::json::object> frames() const {
    std::vector<boost::json::object> out;
    for (const auto& f : frames_)
      out.push_back(boost::json::parse(*f).as_object());
    return out;
  }
  const std::vector<shared_frame>& raw() const { return frames_; }
  void drain() {
    queued_messages_ = 0;
    queued_bytes_ = 0;
  }
  void join(std::shared_ptr<ws_lane> lane) { lane_ = lane; }
  std::uint16_t close_code = 0;
  std::string close_reason;

protected:
  void do_push(shared_frame frame) override {
    ++queued_messages_;
    queued_bytes_ += static_cast<std::int64_t>(frame->size());
    frames_.push_back(std::move(frame));
  }
  void do_close(std::uint16_t code, std::string reason) override {
    close_code = code;
    close_reason = std::move(reason);
  }

private:
  std::vector<shared_frame> frames_;
};

/// A lane that holds its jobs until run_all().
class held_lane : public ws_lane {
public:
  void run(std::function<void()> job) override { jobs.push_back(std::move(job)); }
  void run_all() {
    for (; !jobs.empty(); jobs.pop_front())
      jobs.front()();
  }
  std::deque<std::function<void()>> jobs;
};

channel named(std::string name, channel_kind kind, std::string symbol = "AAA", std::int64_t interval_s = 0) {
  return channel{kind, std::move(name), std::move(symbol), interval_s, 0};
}

trade_print trade(cents price) {
  return trade_print{"AAA", 1, 1'700'000'000'000'000'000, price, 1, side::buy};
}

l2_snapshot book(sequence seq) {
  return l2_snapshot{"AAA", seq, {price_level_view{9'900, 5, 1}}, {}};
}

l2_delta delta(sequence seq) {
  return l2_delta{"AAA", seq, {level_change{side::buy, 9'900, 4, 1}}};
}

std::string text(const boost::json::object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}

std::uint64_t seq(const boost::json::object& o) {
  return o.at("seq").to_number<std::uint64_t>();
}

const channel trades = named("trades.AAA", channel_kind::trades);
const channel books = named("book.AAA", channel_kind::book);

TEST(channel_fanout, a_trade_is_serialised_once_with_the_channels_seq_for_every_subscriber) {
  channel_fanout fan{outbox_bounds{}};
  auto a = std::make_shared<recording_outbox>();
  auto b = std::make_shared<recording_outbox>();
  EXPECT_EQ(fan.add(trades, a), channel_fanout::fetch::nothing);
  fan.on_trade(trade(10'000));
  fan.add(trades, b); // joins after one trade: its snapshot carries seq 1
  fan.on_trade(trade(10'005));
  auto fa = a->frames();
  auto fb = b->frames();
  ASSERT_EQ(fa.size(), 3U);
  ASSERT_EQ(fb.size(), 2U);
  EXPECT_EQ(text(fa[0], "type"), "snapshot");
  EXPECT_EQ(seq(fa[0]), 0U);
  EXPECT_EQ(seq(fa[1]), 1U);
  EXPECT_EQ(text(fb[0], "type"), "snapshot");
  EXPECT_EQ(seq(fb[0]), 1U);
  EXPECT_EQ(text(fb[1], "type"), "trade");
  EXPECT_EQ(seq(fb[1]), 2U);
  EXPECT_EQ(fb[1].at("data").at("price").as_int64(), 10'005);
  EXPECT_EQ(a->raw()[2], b->raw()[1]); // one shared frame, not a copy per subscriber
}

TEST(channel_fanout, book_subscribers_get_one_fetched_snapshot_then_gap_free_deltas_and_resync_after_a_gap) {
  channel_fanout fan{outbox_bounds{}};
  auto a = std::make_shared<recording_outbox>();
  auto b = std::make_shared<recording_outbox>();
  EXPECT_EQ(fan.add(books, a), channel_fanout::fetch::book);
  EXPECT_EQ(fan.add(books, b), channel_fanout::fetch::nothing); // the fetch in flight serves both
  fan.on_delta(delta(5));                                       // before any snapshot: not sent
  fan.on_book(book(5));
  fan.on_delta(delta(6));
  fan.on_delta(delta(8)); // a gap upstream
  EXPECT_EQ(fan.resyncs_due(), std::vector<std::string>{"AAA"});
  EXPECT_TRUE(fan.resyncs_due().empty()); // reported once
  fan.on_book(book(8));
  fan.on_delta(delta(9));
  for (const auto& out : {a, b}) {
    auto f = out->frames();
    ASSERT_EQ(f.size(), 4U);
    EXPECT_EQ(text(f[0], "type"), "snapshot");
    EXPECT_EQ(seq(f[0]), 5U);
    EXPECT_EQ(text(f[1], "type"), "delta");
    EXPECT_EQ(seq(f[1]), 6U);
    EXPECT_EQ(text(f[2], "type"), "snapshot");
    EXPECT_EQ(seq(f[2]), 8U);
    EXPECT_EQ(seq(f[3]), 9U);
  }
}

TEST(channel_fanout, a_backed_up_book_subscriber_is_conflated_then_resynced_when_drained) {
  channel_fanout fan{outbox_bounds{4, 100, 1 << 20}};
  auto slow = std::make_shared<recording_outbox>();
  auto fast = std::make_shared<recording_outbox>();
  fan.add(books, slow);
  fan.add(books, fast);
  fan.on_book(book(0));
  for (sequence s = 1; s <= 6; ++s) {
    fan.on_delta(delta(s));
    fast->drain();
  }
  EXPECT_EQ(fast->frames().size(), 7U);
  EXPECT_EQ(slow->frames().size(), 4U);   // snapshot + 3 deltas, then withheld at 4 queued
  EXPECT_TRUE(fan.resyncs_due().empty()); // not drained yet
  slow->drain();
  EXPECT_EQ(fan.resyncs_due(), std::vector<std::string>{"AAA"});
  fan.on_book(book(6));
  fan.on_delta(delta(7));
  auto f = slow->frames();
  ASSERT_EQ(f.size(), 6U);
  EXPECT_EQ(text(f[4], "type"), "snapshot");
  EXPECT_EQ(seq(f[4]), 6U);
  EXPECT_EQ(seq(f[5]), 7U);
  EXPECT_EQ(fast->frames().size(), 8U); // the resync snapshot went only to the conflated one
}

TEST(channel_fanout, a_connection_past_the_queue_bound_is_closed_slow_consumer) {
  channel_fanout fan{outbox_bounds{2, 3, 1 << 20}};
  auto out = std::make_shared<recording_outbox>();
  fan.add(trades, out);
  for (int i = 0; i < 5; ++i)
    fan.on_trade(trade(10'000));
  EXPECT_EQ(out->frames().size(), 3U);
  EXPECT_EQ(out->close_code, 1008);
  EXPECT_EQ(out->close_reason, "SLOW_CONSUMER");
  EXPECT_TRUE(out->closing());
}

TEST(channel_fanout, ticker_subscribers_start_from_the_last_ticker_of_each_symbol) {
  channel_fanout fan{outbox_bounds{}};
  fan.on_ticker(ticker{"AAA", {}, 10'000, 7}, 9'000);
  fan.on_ticker(ticker{"BBB", {}, 500, 1}, 450);
  auto out = std::make_shared<recording_outbox>();
  fan.add(named("ticker", channel_kind::ticker, ""), out);
  fan.on_ticker(ticker{"AAA", {}, 10'010, 8}, 9'000);
  auto f = out->frames();
  ASSERT_EQ(f.size(), 3U);
  EXPECT_EQ(text(f[0].at("data").as_object(), "symbol"), "AAA");
  EXPECT_EQ(f[0].at("data").at("reference_price").as_int64(), 9'000);
  EXPECT_EQ(text(f[1].at("data").as_object(), "symbol"), "BBB");
  EXPECT_EQ(seq(f[0]), 0U);
  EXPECT_EQ(seq(f[1]), 0U);
  EXPECT_EQ(seq(f[2]), 1U);
  EXPECT_EQ(f[2].at("data").at("volume").as_int64(), 8);
}

TEST(channel_fanout, candle_subscribers_get_the_fetched_history_then_closed_candles) {
  channel_fanout fan{outbox_bounds{}};
  const auto ch = named("candles.AAA.1m", channel_kind::candles, "AAA", 60);
  auto out = std::make_shared<recording_outbox>();
  EXPECT_EQ(fan.add(ch, out), channel_fanout::fetch::candles);
  fan.on_candle(candle{"AAA", 60, 0, 1, 2, 1, 2, 3}); // closed before the history: in it
  fan.on_candles(ch.name, {candle{"AAA", 60, 0, 1, 2, 1, 2, 3}});
  fan.on_candle(candle{"AAA", 60, 60, 2, 2, 2, 2, 1});
  fan.on_candle(candle{"AAA", 300, 0, 2, 2, 2, 2, 1}); // another interval
  auto f = out->frames();
  ASSERT_EQ(f.size(), 2U);
  EXPECT_EQ(text(f[0], "type"), "snapshot");
  EXPECT_EQ(f[0].at("data").as_array().size(), 1U);
  EXPECT_EQ(seq(f[0]), 1U);
  EXPECT_EQ(text(f[1], "type"), "candle");
  EXPECT_EQ(seq(f[1]), 2U);
}

TEST(channel_fanout, frames_go_through_one_lane_job_per_event_and_stop_after_remove) {
  channel_fanout fan{outbox_bounds{}};
  auto lane = std::make_shared<held_lane>();
  auto a = std::make_shared<recording_outbox>();
  auto b = std::make_shared<recording_outbox>();
  a->join(lane);
  b->join(lane);
  fan.add(trades, a);
  fan.add(trades, b);
  lane->run_all();
  fan.on_trade(trade(10'000));
  EXPECT_EQ(lane->jobs.size(), 1U); // both connections in one job
  EXPECT_EQ(a->frames().size(), 1U);
  lane->run_all();
  EXPECT_EQ(a->frames().size(), 2U);
  EXPECT_EQ(b->frames().size(), 2U);
  fan.remove_all(a.get());
  fan.remove("trades.AAA", b.get());
  fan.on_trade(trade(10'000));
  lane->run_all();
  EXPECT_EQ(a->frames().size(), 2U);
  EXPECT_EQ(b->frames().size(), 2U);
  EXPECT_EQ(fan.subscriptions(), 0U);
}

} // namespace
} // namespace bourse::net::ws
