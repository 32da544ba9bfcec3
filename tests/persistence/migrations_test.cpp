#include "persistence/migrations.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

/// A directory of migration files that disappears with the test.
class migration_dir {
public:
  migration_dir() {
    std::string pattern = "/tmp/bourse-migrations-XXXXXX";
    path_ = ::mkdtemp(pattern.data());
  }
  ~migration_dir() { std::filesystem::remove_all(path_); }
  void write(const std::string& name, const std::string& sql) const { std::ofstream{path_ / name} << sql; }
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

pg_connection connect_fresh() {
  return pg_connection::open(test::postgres_environment::postgres().create_database()).value();
}

TEST(migrations, bundled_files_are_listed_in_version_order) {
  const auto steps = list_migrations(bundled_migrations_dir()).value();
  ASSERT_GE(steps.size(), 4U);
  for (std::size_t i = 0; i < steps.size(); ++i)
    EXPECT_EQ(steps[i].version, static_cast<std::int64_t>(i + 1)) << steps[i].name;
}

TEST(migrations, apply_creates_every_table_and_is_idempotent) {
  auto conn = connect_fresh();
  const auto count = list_migrations(bundled_migrations_dir()).value().size();
  EXPECT_EQ(apply_migrations(conn, bundled_migrations_dir()).value(), count);
  EXPECT_EQ(apply_migrations(conn, bundled_migrations_dir()).value(), 0U);
  EXPECT_EQ(conn.exec("SELECT count(*) FROM schema_migrations").value().int64(0, 0),
            static_cast<std::int64_t>(count));
  for (const char* table : {"users", "instruments", "orders", "executions", "book_events", "positions",
                            "cash_ledger", "candles", "audit_log", "refresh_tokens", "auction_lots",
                            "auction_journal", "backtest_results", "nodes", "placement"})
    EXPECT_TRUE(conn.exec("SELECT to_regclass($1) IS NOT NULL", table).value().boolean(0, 0)) << table;
}

TEST(migrations, applies_only_new_files_on_restart) {
  const migration_dir dir;
  dir.write("0001_first.sql", "CREATE TABLE a (v BIGINT);");
  auto conn = connect_fresh();
  EXPECT_EQ(apply_migrations(conn, dir.path()).value(), 1U);
  dir.write("0002_second.sql", "INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);");
  EXPECT_EQ(apply_migrations(conn, dir.path()).value(), 1U);
  EXPECT_EQ(conn.exec("SELECT count(*) FROM a").value().int64(0, 0), 2);
}

TEST(migrations, failing_file_is_rolled_back_and_not_recorded) {
  const migration_dir dir;
  dir.write("0001_good.sql", "CREATE TABLE a (v BIGINT);");
  dir.write("0002_bad.sql", "CREATE TABLE b (v BIGINT); INSERT INTO missing VALUES (1);");
  auto conn = connect_fresh();
  const auto applied = apply_migrations(conn, dir.path());
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, reason_code::persistence_failed);
  EXPECT_FALSE(conn.exec("SELECT to_regclass('b') IS NOT NULL").value().boolean(0, 0));
  EXPECT_EQ(conn.exec("SELECT count(*) FROM schema_migrations").value().int64(0, 0), 1);
}

TEST(migrations, bad_file_name_is_rejected) {
  const migration_dir dir;
  dir.write("first.sql", "SELECT 1;");
  const auto steps = list_migrations(dir.path());
  ASSERT_FALSE(steps);
  EXPECT_EQ(steps.error().code, reason_code::persistence_failed);
}

TEST(migrations, duplicate_version_is_rejected) {
  const migration_dir dir;
  dir.write("0001_a.sql", "SELECT 1;");
  dir.write("0001_b.sql", "SELECT 1;");
  EXPECT_FALSE(list_migrations(dir.path()));
}

TEST(migrations, recorded_version_with_another_name_is_rejected) {
  const migration_dir first;
  first.write("0001_a.sql", "SELECT 1;");
  const migration_dir renamed;
  renamed.write("0001_b.sql", "SELECT 1;");
  auto conn = connect_fresh();
  ASSERT_TRUE(apply_migrations(conn, first.path()));
  const auto applied = apply_migrations(conn, renamed.path());
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, reason_code::persistence_failed);
}

} // namespace
} // namespace bourse
