#include "persistence/pg_connection.hpp"

#include <cstdint>
#include <limits>
#include <optional>

#include <gtest/gtest.h>

#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

pg_connection connect_fresh() {
  return pg_connection::open(test::postgres_environment::postgres().create_database()).value();
}

TEST(pg_connection, parameters_round_trip_as_text) {
  auto conn = connect_fresh();
  const auto min = std::numeric_limits<std::int64_t>::min();
  const auto rows = conn.exec("SELECT $1::bigint, $2::bigint, $3::boolean, $4::text, $5::text", min, 42, true,
                              "tab\there \\ 'quoted'", std::optional<std::int64_t>{})
                        .value();
  ASSERT_EQ(rows.rows(), 1);
  EXPECT_EQ(rows.int64(0, 0), min);
  EXPECT_EQ(rows.int64(0, 1), 42);
  EXPECT_TRUE(rows.boolean(0, 2));
  EXPECT_EQ(rows.text(0, 3), "tab\there \\ 'quoted'");
  EXPECT_TRUE(rows.is_null(0, 4));
  EXPECT_FALSE(rows.is_null(0, 3));
}

TEST(pg_connection, exec_runs_several_statements_and_reports_affected_rows) {
  auto conn = connect_fresh();
  ASSERT_TRUE(conn.exec("CREATE TABLE t (v BIGINT); INSERT INTO t VALUES (1), (2)"));
  EXPECT_EQ(conn.exec("UPDATE t SET v = v + 1").value().affected(), 2);
}

TEST(pg_connection, refused_connection_is_unavailable) {
  const auto conn = pg_connection::open("host=127.0.0.1 port=1 connect_timeout=5");
  ASSERT_FALSE(conn);
  EXPECT_EQ(conn.error().code, reason_code::unavailable);
  EXPECT_TRUE(conn.error().sqlstate.empty());
}

TEST(pg_connection, syntax_error_is_persistence_failed_with_sqlstate) {
  auto conn = connect_fresh();
  const auto rows = conn.exec("SELEC 1");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, reason_code::persistence_failed);
  EXPECT_EQ(rows.error().sqlstate, "42601");
  EXPECT_TRUE(conn.exec("SELECT 1")) << "the connection stays usable";
}

TEST(pg_connection, unique_violation_is_persistence_failed) {
  auto conn = connect_fresh();
  ASSERT_TRUE(conn.exec("CREATE TABLE t (v BIGINT PRIMARY KEY)"));
  ASSERT_TRUE(conn.exec("INSERT INTO t VALUES ($1)", 7));
  const auto again = conn.exec("INSERT INTO t VALUES ($1)", 7);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, reason_code::persistence_failed);
  EXPECT_EQ(again.error().sqlstate, "23505");
}

TEST(pg_connection, terminated_backend_is_unavailable) {
  auto conn = connect_fresh();
  const auto pid = conn.exec("SELECT pg_backend_pid()").value().int64(0, 0);
  auto admin = pg_connection::open(test::postgres_environment::postgres().cluster().conninfo()).value();
  ASSERT_TRUE(admin.exec("SELECT pg_terminate_backend($1, 10000)", pid).value().boolean(0, 0));
  const auto rows = conn.exec("SELECT 1");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, reason_code::unavailable);
  EXPECT_FALSE(conn.connected());
}

TEST(pg_connection, sqlstates_map_to_reason_codes) {
  EXPECT_EQ(reason_for_sqlstate("08006"), reason_code::unavailable);
  EXPECT_EQ(reason_for_sqlstate("57P01"), reason_code::unavailable);
  EXPECT_EQ(reason_for_sqlstate("57P03"), reason_code::unavailable);
  EXPECT_EQ(reason_for_sqlstate("40001"), reason_code::busy);
  EXPECT_EQ(reason_for_sqlstate("40P01"), reason_code::busy);
  EXPECT_EQ(reason_for_sqlstate("53300"), reason_code::busy);
  EXPECT_EQ(reason_for_sqlstate("55P03"), reason_code::busy);
  EXPECT_EQ(reason_for_sqlstate("57014"), reason_code::timeout);
  EXPECT_EQ(reason_for_sqlstate("23505"), reason_code::persistence_failed);
  EXPECT_EQ(reason_for_sqlstate(""), reason_code::persistence_failed);
}

TEST(pg_connection, value_of_an_error_throws) {
  auto conn = connect_fresh();
  EXPECT_THROW((void)conn.exec("SELEC 1").value(), std::runtime_error);
}

} // namespace
} // namespace bourse
