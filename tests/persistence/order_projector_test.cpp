// The orders read model projected from journal rows written directly, over several runs.
#include "persistence/order_projector.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

constexpr std::int64_t player = 1;
constexpr std::int64_t bot = (std::int64_t{1} << 62) + 5; ///< a bot account: no users row
constexpr std::int64_t expiry = 1'700'000'999'000'000'000;

/// (user_id, client_order_id).
using order_key = std::pair<std::int64_t, std::int64_t>;

/// One orders row as the test reads it back.
struct stored_order {
  std::string status;
  std::string reason;
  std::int64_t filled = 0;
  std::int64_t price = 0;
  std::int64_t qty = 0;
  bool margin = false;
  std::string type;
  std::string tif;
  std::int64_t stop_price = 0;
  std::int64_t expire_time = 0;
  std::int64_t book_order_id = 0;
  bool operator==(const stored_order&) const = default;
};

/// The request fields of a SUBMIT.
struct order_spec {
  std::string side = "BUY";
  std::string type = "LIMIT";
  std::string tif = "GTC";
  std::int64_t price = 10'000;
  std::int64_t stop_price = 0;
  std::int64_t qty = 1;
  std::int64_t expire_time = 0;
  bool post_only = false;
};

/// A book_events row.
struct event_spec {
  std::string kind;
  std::int64_t order_id = 0;
  std::int64_t user = 0;
  std::int64_t client_ref = 0;
  std::int64_t price = 0;
  std::int64_t qty = 0;
  std::int64_t remaining = 0;
  std::string reason = "NONE";
  std::int64_t maker_order_id = 0;
  std::int64_t maker_user = 0;
  std::int64_t maker_client_ref = 0;
  std::int64_t maker_remaining = 0;
};

class order_projector_test : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir())); }

  static std::int64_t at(std::int64_t seq) { return 1'700'000'000'000'000'000 + seq * 1'000; }

  void command(const std::string& symbol, std::int64_t cmd_seq, std::int64_t last_seq,
               const std::string& kind, std::int64_t user, std::int64_t client_ref,
               const order_spec& o = {}) {
    conn_
        .exec("INSERT INTO book_commands (symbol, cmd_seq, kind, time_ns, last_seq, order_id, user_id, "
              "client_ref, side, type, tif, price, stop_price, quantity, display_quantity, expire_time_ns, "
              "post_only, stp, halted, reason) VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9, $10, $11, $12, "
              "$13, 0, $14, $15, 'CANCEL_NEWEST', false, 'NONE')",
              symbol, cmd_seq, kind, at(last_seq), last_seq, user, client_ref, o.side, o.type, o.tif, o.price,
              o.stop_price, o.qty, o.expire_time, o.post_only)
        .value();
  }
  void submit(const std::string& symbol, std::int64_t cmd_seq, std::int64_t last_seq, std::int64_t user,
              std::int64_t client_ref, const order_spec& o) {
    command(symbol, cmd_seq, last_seq, "SUBMIT", user, client_ref, o);
  }

  void event(const std::string& symbol, std::int64_t seq, const event_spec& e) {
    conn_
        .exec(
            "INSERT INTO book_events (symbol, seq, kind, time_ns, order_id, user_id, client_ref, side, "
            "price, "
            "quantity, remaining, reason, maker_order_id, maker_user_id, maker_client_ref, maker_remaining) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, 'BUY', $8, $9, $10, $11, $12, $13, $14, $15)",
            symbol, seq, e.kind, at(seq), e.order_id, e.user, e.client_ref, e.price, e.qty, e.remaining,
            e.reason, e.maker_order_id, e.maker_user, e.maker_client_ref, e.maker_remaining)
        .value();
  }

  /// An account journal entry: PLACE (margin flag, the account's verdict), REFUSED or REPORT.
  void entry(std::int64_t user, std::int64_t seq, const std::string& kind, std::int64_t client_order_id,
             bool margin = false, const std::string& result = "NONE") {
    conn_
        .exec(
            "INSERT INTO account_journal (user_id, seq, kind, time_ns, symbol, client_order_id, side, type, "
            "tif, price, stop_price, quantity, display_quantity, expire_time_ns, post_only, reduce_only, "
            "margin, stp, result, amount, book_seq) VALUES ($1, $2, $3, $4, 'AAA', $5, 'BUY', 'LIMIT', "
            "'GTC', "
            "0, 0, 1, 0, 0, false, false, $6, 'CANCEL_NEWEST', $7, 0, 0)",
            user, seq, kind, at(seq), client_order_id, margin, result)
        .value();
  }

  /// Run 1 on AAA: a bid partly filled by an IOC sell, a cancelled bid, a post-only bid the book
  /// rejects, a pending sell stop and a GTD bid of the bot. On BBB: a bid decremented by
  /// self-trade prevention (still open). Account entries: margin bids 11 and 31, the bot's margin
  /// order 23 placed before its book saw it (submitted in run 2).
  void write_first_rows() {
    submit("AAA", 1, 1, player, 11, {.qty = 10});
    event("AAA", 1,
          {.kind = "ACCEPTED", .order_id = 1, .user = player, .client_ref = 11, .qty = 10, .remaining = 10});
    submit("AAA", 2, 3, bot, 21, {.side = "SELL", .tif = "IOC", .qty = 4});
    event("AAA", 2,
          {.kind = "ACCEPTED", .order_id = 2, .user = bot, .client_ref = 21, .qty = 4, .remaining = 4});
    event("AAA", 3,
          {.kind = "FILL",
           .order_id = 2,
           .user = bot,
           .client_ref = 21,
           .price = 10'000,
           .qty = 4,
           .maker_order_id = 1,
           .maker_user = player,
           .maker_client_ref = 11,
           .maker_remaining = 6});
    submit("AAA", 3, 4, player, 12, {.price = 9'900, .qty = 5});
    event("AAA", 4,
          {.kind = "ACCEPTED", .order_id = 3, .user = player, .client_ref = 12, .qty = 5, .remaining = 5});
    command("AAA", 4, 5, "CANCEL", player, 0);
    event("AAA", 5,
          {.kind = "CANCELLED",
           .order_id = 3,
           .user = player,
           .client_ref = 12,
           .qty = 5,
           .reason = "CANCELLED_BY_USER"});
    submit("AAA", 5, 6, player, 13, {.price = 10'100, .post_only = true});
    event("AAA", 6,
          {.kind = "REJECTED", .user = player, .client_ref = 13, .reason = "POST_ONLY_WOULD_CROSS"});
    submit("AAA", 6, 7, player, 14,
           {.side = "SELL", .type = "STOP", .tif = "IOC", .price = 0, .stop_price = 9'000, .qty = 3});
    event("AAA", 7,
          {.kind = "ACCEPTED", .order_id = 4, .user = player, .client_ref = 14, .qty = 3, .remaining = 3});
    submit("AAA", 7, 8, bot, 22, {.tif = "GTD", .price = 9'800, .qty = 7, .expire_time = expiry});
    event("AAA", 8,
          {.kind = "ACCEPTED", .order_id = 5, .user = bot, .client_ref = 22, .qty = 7, .remaining = 7});

    submit("BBB", 1, 1, player, 31, {.qty = 5});
    event("BBB", 1,
          {.kind = "ACCEPTED", .order_id = 1, .user = player, .client_ref = 31, .qty = 5, .remaining = 5});
    submit("BBB", 2, 4, player, 32, {.side = "SELL", .qty = 2});
    event("BBB", 2,
          {.kind = "ACCEPTED", .order_id = 2, .user = player, .client_ref = 32, .qty = 2, .remaining = 2});
    event("BBB", 3,
          {.kind = "CANCELLED",
           .order_id = 1,
           .user = player,
           .client_ref = 31,
           .qty = 2,
           .remaining = 3,
           .reason = "SELF_TRADE_PREVENTED"});
    event("BBB", 4,
          {.kind = "CANCELLED",
           .order_id = 2,
           .user = player,
           .client_ref = 32,
           .qty = 2,
           .reason = "SELF_TRADE_PREVENTED"});

    entry(player, 1, "PLACE", 11, true);
    entry(player, 2, "PLACE", 12);
    entry(player, 3, "PLACE", 19, true, "INSUFFICIENT_FUNDS"); // the account rejected it: no book order
    entry(player, 4, "PLACE", 13);
    entry(player, 5, "PLACE", 14);
    entry(player, 6, "PLACE", 31, true);
    entry(player, 7, "PLACE", 32);
    entry(bot, 1, "PLACE", 21);
    entry(bot, 2, "PLACE", 22);
    entry(bot, 3, "PLACE", 23, true);
  }

  /// Run 2 on AAA: bid 11 replaced (price and size) and filled by the bot's sell 23, a rejected
  /// replace of it, the stop triggered, partly filled against the GTD bid and its rest cancelled,
  /// then the GTD bid expires. On BBB: bid 31 filled after its decrement, by the bot's margin sell
  /// 24. The bot's margin order 25 was refused by its book (BUSY): nothing of it is projected.
  void write_second_rows() {
    command("AAA", 8, 9, "REPLACE", player, 0, {.price = 10'050, .qty = 8});
    event("AAA", 9,
          {.kind = "REPLACED",
           .order_id = 1,
           .user = player,
           .client_ref = 11,
           .price = 10'050,
           .qty = 6,
           .remaining = 8});
    command("AAA", 9, 10, "REPLACE", player, 0, {.price = 10'050, .qty = 0});
    event("AAA", 10,
          {.kind = "REJECTED",
           .order_id = 1,
           .user = player,
           .client_ref = 11,
           .price = 10'050,
           .reason = "INVALID_QUANTITY"});
    submit("AAA", 10, 15, bot, 23, {.side = "SELL", .price = 10'050, .qty = 8});
    event("AAA", 11,
          {.kind = "ACCEPTED", .order_id = 6, .user = bot, .client_ref = 23, .qty = 8, .remaining = 8});
    event("AAA", 12,
          {.kind = "FILL",
           .order_id = 6,
           .user = bot,
           .client_ref = 23,
           .price = 10'050,
           .qty = 8,
           .maker_order_id = 1,
           .maker_user = player,
           .maker_client_ref = 11});
    event("AAA", 13,
          {.kind = "TRIGGERED", .order_id = 4, .user = player, .client_ref = 14, .qty = 3, .remaining = 3});
    event("AAA", 14,
          {.kind = "FILL",
           .order_id = 4,
           .user = player,
           .client_ref = 14,
           .price = 9'800,
           .qty = 2,
           .remaining = 1,
           .maker_order_id = 5,
           .maker_user = bot,
           .maker_client_ref = 22,
           .maker_remaining = 5});
    event("AAA", 15,
          {.kind = "CANCELLED",
           .order_id = 4,
           .user = player,
           .client_ref = 14,
           .qty = 1,
           .reason = "IOC_REMAINDER"});
    command("AAA", 11, 16, "EXPIRE", 0, 0);
    event("AAA", 16, {.kind = "EXPIRED", .order_id = 5, .user = bot, .client_ref = 22, .qty = 5});

    submit("BBB", 3, 6, bot, 24, {.side = "SELL", .qty = 3});
    event("BBB", 5,
          {.kind = "ACCEPTED", .order_id = 3, .user = bot, .client_ref = 24, .qty = 3, .remaining = 3});
    event("BBB", 6,
          {.kind = "FILL",
           .order_id = 3,
           .user = bot,
           .client_ref = 24,
           .price = 10'000,
           .qty = 3,
           .maker_order_id = 1,
           .maker_user = player,
           .maker_client_ref = 31});

    entry(player, 8, "REPORT", 0);
    entry(bot, 4, "PLACE", 25, true);
    entry(bot, 5, "REFUSED", 25);
    entry(bot, 6, "PLACE", 24, true);
  }

  /// Every orders row by (user, client_order_id).
  std::map<order_key, stored_order> orders() {
    auto rows =
        conn_
            .exec("SELECT user_id, client_order_id, status, coalesce(reason, ''), filled_quantity, price, "
                  "quantity, margin, type, tif, stop_price, expire_time_ns, coalesce(book_order_id, 0) "
                  "FROM orders")
            .value();
    std::map<order_key, stored_order> out;
    for (int r = 0; r < rows.rows(); ++r)
      out[{rows.int64(r, 0), rows.int64(r, 1)}] = {std::string(rows.text(r, 2)),
                                                   std::string(rows.text(r, 3)),
                                                   rows.int64(r, 4),
                                                   rows.int64(r, 5),
                                                   rows.int64(r, 6),
                                                   rows.boolean(r, 7),
                                                   std::string(rows.text(r, 8)),
                                                   std::string(rows.text(r, 9)),
                                                   rows.int64(r, 10),
                                                   rows.int64(r, 11),
                                                   rows.int64(r, 12)};
    return out;
  }

  std::int64_t count(const std::string& table) {
    return conn_.exec("SELECT count(*) FROM " + table).value().int64(0, 0);
  }

  std::string conninfo_ = test::postgres_environment::postgres().create_database();
  pg_connection conn_ = pg_connection::open(conninfo_).value();
};

TEST_F(order_projector_test, two_runs_project_every_order_with_the_api_status_and_a_third_projects_nothing) {
  write_first_rows();
  order_projector projector{conn_};
  const auto first = projector.run();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->books, 2);
  EXPECT_EQ(first->commands, 9);
  EXPECT_EQ(first->events, 12);
  EXPECT_EQ(first->inserted, 8);
  EXPECT_EQ(first->updated, 0);
  EXPECT_EQ(first->orphans, 0);
  EXPECT_EQ(first->entries, 10);

  auto after_first = orders();
  ASSERT_EQ(after_first.size(), 8U) << "the account's own rejection (19) never reached a book";
  EXPECT_EQ(after_first[order_key(player, 11)],
            (stored_order{"OPEN", "", 4, 10'000, 10, true, "LIMIT", "GTC", 0, 0, 1}));
  EXPECT_EQ(after_first[order_key(bot, 21)],
            (stored_order{"FILLED", "", 4, 10'000, 4, false, "LIMIT", "IOC", 0, 0, 2}));
  EXPECT_EQ(after_first[order_key(player, 12)],
            (stored_order{"CANCELED", "CANCELLED_BY_USER", 0, 9'900, 5, false, "LIMIT", "GTC", 0, 0, 3}));
  EXPECT_EQ(after_first[order_key(player, 13)], (stored_order{"REJECTED", "POST_ONLY_WOULD_CROSS", 0, 10'100,
                                                              1, false, "LIMIT", "GTC", 0, 0, 0}));
  EXPECT_EQ(after_first[order_key(player, 14)],
            (stored_order{"OPEN", "", 0, 0, 3, false, "STOP", "IOC", 9'000, 0, 4}));
  EXPECT_EQ(after_first[order_key(bot, 22)],
            (stored_order{"OPEN", "", 0, 9'800, 7, false, "LIMIT", "GTD", 0, expiry, 5}));
  EXPECT_EQ(after_first[order_key(player, 31)],
            (stored_order{"OPEN", "SELF_TRADE_PREVENTED", 0, 10'000, 5, true, "LIMIT", "GTC", 0, 0, 1}));
  EXPECT_EQ(after_first[order_key(player, 32)],
            (stored_order{"CANCELED", "SELF_TRADE_PREVENTED", 0, 10'000, 2, false, "LIMIT", "GTC", 0, 0, 2}));
  EXPECT_EQ(count("order_projection_margin"), 1) << "the bot's margin order 23 waits for its SUBMIT";

  write_second_rows();
  const auto second = projector.run();
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->books, 2);
  EXPECT_EQ(second->commands, 5);
  EXPECT_EQ(second->events, 10);
  EXPECT_EQ(second->inserted, 2);
  EXPECT_EQ(second->updated, 4) << "11, 14 and 22 on AAA, 31 on BBB";
  EXPECT_EQ(second->orphans, 0);

  auto after_second = orders();
  ASSERT_EQ(after_second.size(), 10U);
  EXPECT_EQ(after_second[order_key(player, 11)],
            (stored_order{"FILLED", "", 12, 10'050, 12, true, "LIMIT", "GTC", 0, 0, 1}))
      << "a replace moves the price and makes the size filled + new open; the rejected replace changes "
         "nothing";
  EXPECT_EQ(after_second[order_key(bot, 23)],
            (stored_order{"FILLED", "", 8, 10'050, 8, true, "LIMIT", "GTC", 0, 0, 6}))
      << "its margin PLACE was read in the first run";
  EXPECT_EQ(after_second[order_key(player, 14)],
            (stored_order{"CANCELED", "IOC_REMAINDER", 2, 0, 3, false, "STOP", "IOC", 9'000, 0, 4}));
  EXPECT_EQ(after_second[order_key(bot, 22)],
            (stored_order{"EXPIRED", "", 2, 9'800, 7, false, "LIMIT", "GTD", 0, expiry, 5}));
  EXPECT_EQ(after_second[order_key(player, 31)],
            (stored_order{"CANCELED", "SELF_TRADE_PREVENTED", 3, 10'000, 5, true, "LIMIT", "GTC", 0, 0, 1}))
      << "as GET /api/v1/orders: the latest non-fill event was a cancel";
  EXPECT_EQ(after_second[order_key(bot, 24)],
            (stored_order{"FILLED", "", 3, 10'000, 3, true, "LIMIT", "GTC", 0, 0, 3}));
  for (const auto& key :
       {order_key(bot, 21), order_key(player, 12), order_key(player, 13), order_key(player, 32)})
    EXPECT_EQ(after_second[key], after_first[key]);
  EXPECT_EQ(count("order_projection_margin"), 0) << "23 projected, 25 refused";

  const auto third = projector.run();
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_EQ(third->books, 0);
  EXPECT_EQ(third->events, 0);
  EXPECT_EQ(third->inserted + third->updated, 0);
  EXPECT_EQ(orders(), after_second);
}

TEST_F(order_projector_test, one_command_per_run_gives_the_same_table_as_one_run) {
  write_first_rows();
  write_second_rows();
  order_projector whole{conn_};
  ASSERT_TRUE(whole.run());
  const auto expected = orders();
  ASSERT_EQ(expected.size(), 10U);

  pg_connection other = pg_connection::open(test::postgres_environment::postgres().create_database()).value();
  ASSERT_TRUE(apply_migrations(other, bundled_migrations_dir()));
  std::swap(conn_, other);
  write_first_rows();
  write_second_rows();
  order_projector stepwise{conn_, 1};
  int runs = 0;
  for (;; ++runs) {
    const auto stats = stepwise.run();
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_EQ(stats->orphans, 0);
    if (stats->books == 0)
      break;
  }
  EXPECT_EQ(runs, 11) << "AAA has 11 commands, BBB 3";
  EXPECT_EQ(orders(), expected);
  EXPECT_EQ(count("order_projection_margin"), 0);
}

TEST_F(order_projector_test, a_failed_run_writes_nothing_and_the_next_one_starts_from_the_same_cursors) {
  write_first_rows();
  order_projector projector{conn_};
  ASSERT_TRUE(projector.run());
  write_second_rows();
  conn_.exec("ALTER TABLE orders ADD CONSTRAINT no_replace CHECK (price <> 10050)").value();
  const auto before = orders();
  const auto failed = projector.run();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, reason_code::persistence_failed);
  EXPECT_EQ(orders(), before);
  EXPECT_EQ(conn_.exec("SELECT sum(cmd_seq) FROM order_projection_cursors").value().int64(0, 0), 7 + 2);

  conn_.exec("ALTER TABLE orders DROP CONSTRAINT no_replace").value();
  const auto retried = projector.run();
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->inserted, 2);
  EXPECT_EQ((orders()[order_key(player, 11)].status), "FILLED");
}

TEST_F(order_projector_test, a_run_while_another_projector_holds_the_lock_reads_nothing) {
  write_first_rows();
  pg_connection rival = pg_connection::open(conninfo_).value();
  rival.exec("BEGIN").value();
  rival.exec("SELECT pg_advisory_xact_lock($1)", order_projector::lock_key).value();
  order_projector projector{conn_};
  const auto blocked = projector.run();
  ASSERT_TRUE(blocked) << blocked.error().message;
  EXPECT_TRUE(blocked->locked_out);
  EXPECT_EQ(count("orders"), 0);
  rival.exec("COMMIT").value();
  const auto free = projector.run();
  ASSERT_TRUE(free) << free.error().message;
  EXPECT_FALSE(free->locked_out);
  EXPECT_EQ(count("orders"), 8);
}

} // namespace
} // namespace bourse
