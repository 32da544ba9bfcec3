#include "persistence/batch_writer.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

constexpr std::int64_t big = INT64_MAX;

/// One row for every table of the schema, in foreign-key order, with the text PostgreSQL gives back.
std::vector<table_rows> one_row_per_table() {
  std::vector<table_rows> tables;
  tables.emplace_back("users",
                      std::vector<std::string>{"id", "discord_id", "username", "role", "password_hash"});
  tables.back().add(1, "123456789012345678", "alice", "player", "$argon2id$v=19$m=65536,t=3,p=4$abc");
  tables.back().add(2, std::nullopt, "bot-1", "bot", std::nullopt);
  tables.emplace_back("instruments",
                      std::vector<std::string>{"symbol", "name", "type", "sector", "tick_size", "lot_size",
                                               "min_quantity", "max_quantity", "reference_price",
                                               "price_band_bps", "margin_allowed", "initial_margin_bps",
                                               "maintenance_margin_bps", "maker_fee_bps", "taker_fee_bps"});
  tables.back().add("ACME", "Acme Corp", "STOCK", "Industrials", 1, 1, 1, big, big, 1'000, true, 5'000, 2'500,
                    -1, 5);
  tables.emplace_back("cash_ledger", std::vector<std::string>{"id", "user_id", "amount", "reason", "symbol",
                                                              "seq", "journal_seq", "time_ns"});
  tables.back().add(1, 1, 10'000'000, "DEPOSIT", std::nullopt, std::nullopt, 1, 1);
  tables.back().add(2, 1, -big, "TRADE", "ACME", 3, 2, 2);
  tables.emplace_back("positions", std::vector<std::string>{"user_id", "symbol", "quantity",
                                                            "reserved_quantity", "cost_basis", "updated_ns"});
  tables.back().add(1, "ACME", -big, big, big, 3);
  tables.emplace_back("orders", std::vector<std::string>{"id",
                                                         "symbol",
                                                         "book_order_id",
                                                         "user_id",
                                                         "client_order_id",
                                                         "side",
                                                         "type",
                                                         "tif",
                                                         "price",
                                                         "stop_price",
                                                         "quantity",
                                                         "display_quantity",
                                                         "expire_time_ns",
                                                         "post_only",
                                                         "margin",
                                                         "stp",
                                                         "status",
                                                         "reason",
                                                         "filled_quantity",
                                                         "created_ns",
                                                         "updated_ns"});
  tables.back().add(1, "ACME", 17, 1, -1, "BUY", "STOP_LIMIT", "GTD", big, big - 1, big, 100, big, true, true,
                    "DECREMENT", "OPEN", std::nullopt, 0, 1, 2);
  tables.back().add(2, "ACME", std::nullopt, 1, 2, "SELL", "MARKET", "IOC", 0, 0, 5, 0, 0, false, false,
                    "CANCEL_NEWEST", "REJECTED", "NO_LIQUIDITY", 0, 3, 3);
  tables.emplace_back("executions",
                      std::vector<std::string>{"symbol", "seq", "maker_order_id", "maker_user_id",
                                               "taker_order_id", "taker_user_id", "taker_side", "price",
                                               "quantity", "maker_fee", "taker_fee", "time_ns"});
  tables.back().add("ACME", 3, 17, 2, 18, 1, "BUY", big, big, -1, big, 4);
  tables.emplace_back("candles", std::vector<std::string>{"symbol", "interval_s", "open_time_ns", "open",
                                                          "high", "low", "close", "volume", "trade_count"});
  tables.back().add("ACME", 60, 1'700'000'040'000'000'000, 10'000, big, 1, 10'050, big, 12);
  tables.emplace_back(
      "audit_log", std::vector<std::string>{"id", "time_ns", "actor_user_id", "action", "target", "detail"});
  tables.back().add(1, 5, 1, "deposit", "user:2", R"({"amount": 500})");
  tables.emplace_back("refresh_tokens",
                      std::vector<std::string>{"id", "user_id", "token_hash", "family_id", "issued_ns",
                                               "expires_ns", "revoked_ns", "replaced_by"});
  tables.back().add(1, 1, "\\x00ff10", 1, 5, 6, 7, std::nullopt);
  tables.back().add(2, 1, "\\x00ff11", 1, 7, 8, std::nullopt, std::nullopt);
  tables.emplace_back("auction_lots", std::vector<std::string>{"lot_id",
                                                               "title",
                                                               "description",
                                                               "image_url",
                                                               "auctioneer_id",
                                                               "seller_id",
                                                               "kind",
                                                               "symbol",
                                                               "quantity",
                                                               "item_ref",
                                                               "start_price",
                                                               "increment",
                                                               "brackets",
                                                               "reserve_price",
                                                               "duration_ns",
                                                               "extension_window_ns",
                                                               "extension_ns",
                                                               "scheduled_start_ns",
                                                               "allow_self_outbid",
                                                               "created_ns"});
  tables.back().add(1, "Lot 1", "", "", 1, 2, "SHARES", "ACME", 1'000, "", 100, 10, "5000:500", big, 300, 300,
                    300, 0, true, 9);
  tables.emplace_back("auction_journal", std::vector<std::string>{"lot_id", "seq", "kind", "time_ns",
                                                                  "user_id", "price", "reason"});
  tables.back().add(1, 1, "BID", 11, 2, big, "NONE");
  tables.emplace_back("backtest_results",
                      std::vector<std::string>{"id", "user_id", "strategy", "parameters", "symbol", "from_ns",
                                               "to_ns", "pnl", "max_drawdown", "trade_count", "metrics",
                                               "created_ns"});
  tables.back().add(1, 1, "sma_cross", R"({"fast": 5, "slow": 20})", "ACME", 0, big, -big, big, 42,
                    R"({"sharpe_milli": 1250})", 9);
  tables.emplace_back("nodes",
                      std::vector<std::string>{"id", "address", "status", "started_ns", "heartbeat_ns"});
  tables.back().add("node-a", "127.0.0.1:4242", "UP", 1, 2);
  tables.emplace_back("placement", std::vector<std::string>{"entity", "node_id", "epoch", "updated_ns"});
  tables.back().add("book:ACME", "node-a", big, 3);
  tables.emplace_back("account_checkpoints", std::vector<std::string>{"user_id", "seq", "state"});
  tables.back().add(big, big, "\\x00ff42");
  tables.emplace_back("book_snapshots", std::vector<std::string>{"symbol", "cmd_seq", "state"});
  tables.back().add("ACME", big, "\\x00ff42");
  return tables;
}

TEST(schema, every_table_round_trips) {
  auto conn = pg_connection::open(test::postgres_environment::postgres().create_database()).value();
  ASSERT_TRUE(apply_migrations(conn, bundled_migrations_dir()));
  const auto tables = one_row_per_table();
  std::vector<const table_rows*> batch;
  for (const auto& rows : tables)
    batch.push_back(&rows);
  const auto written = batch_writer{conn}.write(batch);
  ASSERT_TRUE(written) << written.error().message;
  for (const auto& rows : tables) {
    std::string columns;
    for (const auto& column : rows.columns())
      columns += (columns.empty() ? "" : ", ") + column;
    const auto read = conn.exec("SELECT " + columns + " FROM " + rows.table() + " ORDER BY 1, 2").value();
    ASSERT_EQ(static_cast<std::size_t>(read.rows()), rows.size()) << rows.table();
    for (std::size_t row = 0; row < rows.size(); ++row) {
      for (std::size_t column = 0; column < rows.columns().size(); ++column) {
        const auto r = static_cast<int>(row);
        const auto c = static_cast<int>(column);
        const char* expected = rows.field(row, column);
        SCOPED_TRACE(rows.table() + "." + rows.columns()[column]);
        ASSERT_EQ(read.is_null(r, c), expected == nullptr);
        if (expected != nullptr) {
          EXPECT_EQ(read.text(r, c), expected);
        }
      }
    }
  }
}

TEST(schema, client_order_id_is_unique_per_user) {
  auto conn = pg_connection::open(test::postgres_environment::postgres().create_database()).value();
  ASSERT_TRUE(apply_migrations(conn, bundled_migrations_dir()));
  ASSERT_TRUE(
      conn.exec("INSERT INTO users (id, username, role) VALUES (1, 'a', 'player'), (2, 'b', 'player')"));
  const char* insert = "INSERT INTO orders (symbol, user_id, client_order_id, side, type, tif, quantity, stp,"
                       " status, created_ns, updated_ns) VALUES ('ACME', $1, $2, 'BUY', 'LIMIT', 'GTC', 1,"
                       " 'CANCEL_NEWEST', 'OPEN', 0, 0)";
  ASSERT_TRUE(conn.exec(insert, 1, 11));
  ASSERT_TRUE(conn.exec(insert, 2, 11));
  const auto again = conn.exec(insert, 1, 11);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().sqlstate, "23505");
}

} // namespace
} // namespace bourse
