#include "persistence/batch_writer.hpp"

#include <vector>

#include <gtest/gtest.h>

#include "persistence/book_event_rows.hpp"
#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

class batch_writer_test : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir())); }

  std::int64_t count(const char* table) {
    return conn_.exec(std::string("SELECT count(*) FROM ") + table).value().int64(0, 0);
  }

  static book_event fill(sequence seq) {
    return book_event{.kind = book_event_kind::fill,
                      .seq = seq,
                      .time = 1'700'000'000'000'000'000 + static_cast<timestamp_ns>(seq),
                      .order = 2 * seq,
                      .owner = 7,
                      .client_ref = UINT64_MAX - seq,
                      .order_side = side::sell,
                      .price = 10'050,
                      .qty = 100,
                      .remaining = 0,
                      .maker_order = 2 * seq - 1,
                      .maker_owner = 8,
                      .maker_client_ref = seq,
                      .maker_remaining = 300};
  }

  static table_rows executions() {
    return table_rows{"executions",
                      {"symbol", "seq", "maker_order_id", "maker_user_id", "taker_order_id", "taker_user_id",
                       "taker_side", "price", "quantity", "time_ns"}};
  }

  /// Rows of the candles table, written skipping duplicates (as journal_tables does).
  static table_rows candles() {
    return table_rows{
        "candles",
        {"symbol", "interval_s", "open_time_ns", "open", "high", "low", "close", "volume", "trade_count"},
        {"symbol", "interval_s", "open_time_ns"}};
  }

  pg_connection conn_ = pg_connection::open(test::postgres_environment::postgres().create_database()).value();
  batch_writer writer_{conn_};
};

TEST_F(batch_writer_test, book_events_round_trip) {
  auto rows = make_book_event_rows();
  std::vector<book_event> written;
  for (sequence seq = 1; seq <= 100; ++seq)
    written.push_back(fill(seq));
  written[3] = book_event{.kind = book_event_kind::rejected,
                          .seq = 4,
                          .time = 5,
                          .owner = 9,
                          .client_ref = 11,
                          .reason = reason_code::off_tick};
  for (const auto& event : written)
    append_book_event(rows, "ACME", event);
  ASSERT_TRUE(writer_.write(rows));
  EXPECT_EQ(load_book_events(conn_, "ACME", 0).value(), written);
  const auto tail = load_book_events(conn_, "ACME", 98).value();
  ASSERT_EQ(tail.size(), 2U);
  EXPECT_EQ(tail.front().seq, 99U);
  EXPECT_TRUE(load_book_events(conn_, "OTHER", 0).value().empty());
}

TEST_F(batch_writer_test, several_tables_in_one_batch) {
  auto events = make_book_event_rows();
  auto trades = executions();
  for (sequence seq = 1; seq <= 10; ++seq) {
    append_book_event(events, "ACME", fill(seq));
    trades.add("ACME", seq, 2 * seq - 1, 8, 2 * seq, 7, "SELL", 10'050, 100, 1'000 + seq);
  }
  const table_rows* batch[] = {&events, &trades};
  ASSERT_TRUE(writer_.write(batch));
  EXPECT_EQ(count("book_events"), 10);
  EXPECT_EQ(count("executions"), 10);
}

TEST_F(batch_writer_test, failing_row_aborts_the_whole_batch) {
  auto events = make_book_event_rows();
  auto trades = executions();
  for (sequence seq = 1; seq <= 10; ++seq)
    append_book_event(events, "ACME", fill(seq));
  trades.add("ACME", 1, 1, 8, 2, 7, "SELL", 10'050, 100, 1'000);
  trades.add("ACME", 2, 3, 8, 4, 7, "SELL", 10'050, -5, 1'000); // violates quantity > 0
  const table_rows* batch[] = {&events, &trades};
  const auto written = writer_.write(batch);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, reason_code::persistence_failed);
  EXPECT_EQ(written.error().sqlstate, "23514");
  EXPECT_EQ(count("book_events"), 0);
  EXPECT_EQ(count("executions"), 0);
}

TEST_F(batch_writer_test, duplicate_row_aborts_the_batch_and_the_writer_goes_on) {
  auto events = make_book_event_rows();
  append_book_event(events, "ACME", fill(1));
  append_book_event(events, "ACME", fill(2));
  append_book_event(events, "ACME", fill(1));
  const auto written = writer_.write(events);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().sqlstate, "23505");
  EXPECT_EQ(count("book_events"), 0);
  events.clear();
  append_book_event(events, "ACME", fill(1));
  ASSERT_TRUE(writer_.write(events));
  EXPECT_EQ(count("book_events"), 1);
}

TEST_F(batch_writer_test, rows_of_a_table_that_skips_duplicates_never_fail_the_batch) {
  auto first = candles();
  first.add("ACME", 60, 0, 100, 110, 90, 105, 7, 3);
  ASSERT_TRUE(writer_.write(first));
  auto events = make_book_event_rows();
  append_book_event(events, "ACME", fill(1));
  auto again = candles();
  again.add("ACME", 60, 0, 1, 1, 1, 1, 1, 1); // already stored: kept as it was
  again.add("ACME", 60, 60'000'000'000, 105, 106, 104, 106, 2, 1);
  again.add("ACME", 60, 60'000'000'000, 1, 1, 1, 1, 1, 1); // twice in this batch: the first wins
  const table_rows* batch[] = {&events, &again};
  ASSERT_TRUE(writer_.write(batch));
  EXPECT_EQ(count("book_events"), 1);
  EXPECT_EQ(count("candles"), 2);
  EXPECT_EQ(conn_.exec("SELECT sum(volume) FROM candles").value().int64(0, 0), 9);
}

TEST_F(batch_writer_test, a_table_that_skips_duplicates_goes_in_several_statements_atomically) {
  auto rows = candles();
  const auto n = static_cast<std::int64_t>(rows.max_insert_rows()) + 10;
  for (std::int64_t i = 0; i < n; ++i)
    rows.add("ACME", 1, i * 1'000'000'000, 100, 100, 100, 100, 1, 1);
  ASSERT_TRUE(writer_.write(rows));
  EXPECT_EQ(count("candles"), n);
  rows.clear();
  for (std::int64_t i = 0; i < n; ++i)
    rows.add("OTHER", 1, i * 1'000'000'000, 100, 100, 100, 100, 1, 1);
  rows.add("OTHER", 1, 0, 100, 100, 100, 100, -1, 1); // violates volume >= 0, in the second statement
  const auto written = writer_.write(rows);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().sqlstate, "23514");
  EXPECT_EQ(count("candles"), n); // the first statement was rolled back with it
}

TEST_F(batch_writer_test, empty_batch_writes_nothing) {
  const auto events = make_book_event_rows();
  EXPECT_TRUE(writer_.write(events));
  EXPECT_EQ(count("book_events"), 0);
}

TEST_F(batch_writer_test, lost_connection_is_unavailable) {
  auto events = make_book_event_rows();
  append_book_event(events, "ACME", fill(1));
  ASSERT_TRUE(writer_.write(events));
  const auto pid = conn_.exec("SELECT pg_backend_pid()").value().int64(0, 0);
  auto admin = pg_connection::open(test::postgres_environment::postgres().cluster().conninfo()).value();
  ASSERT_TRUE(admin.exec("SELECT pg_terminate_backend($1, 10000)", pid).value().boolean(0, 0));
  events.clear();
  append_book_event(events, "ACME", fill(2));
  const auto written = writer_.write(events);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, reason_code::unavailable);
}

} // namespace
} // namespace bourse
