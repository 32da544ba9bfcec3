#include "persistence/migrations.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

namespace bourse {
namespace {

/// Key of the session advisory lock that serialises migration runs ("bourse" in ASCII).
constexpr std::int64_t migration_lock_key = 0x626f75727365;

pg_error migration_error(std::string message) {
  return {reason_code::persistence_failed, {}, std::move(message)};
}

pg_expected<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in{path, std::ios::binary};
  std::ostringstream text;
  if (!(text << in.rdbuf()))
    return migration_error("cannot read " + path.string());
  return text.str();
}

/// Releases the advisory lock when the run ends, however it ends.
class migration_lock {
public:
  explicit migration_lock(pg_connection& conn) : conn_(conn) {}
  migration_lock(const migration_lock&) = delete;
  migration_lock& operator=(const migration_lock&) = delete;
  ~migration_lock() {
    if (conn_.connected())
      (void)conn_.exec("SELECT pg_advisory_unlock($1)", migration_lock_key);
  }

private:
  pg_connection& conn_;
};

pg_expected<void> apply_one(pg_connection& conn, const migration& step) {
  auto sql = read_file(step.path);
  if (!sql)
    return sql.error();
  if (auto begun = conn.exec("BEGIN"); !begun)
    return begun.error();
  auto done = conn.exec(*sql);
  if (done)
    done =
        conn.exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", step.version, step.name);
  if (done)
    done = conn.exec("COMMIT");
  if (done)
    return {};
  auto failure = done.error();
  failure.message = step.name + ": " + failure.message;
  if (conn.connected())
    (void)conn.exec("ROLLBACK");
  return failure;
}

} // namespace

pg_expected<std::vector<migration>> list_migrations(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<migration> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql")
      continue;
    const auto name = entry.path().filename().string();
    migration step{0, name, entry.path()};
    const auto [end, parse_ec] = std::from_chars(name.data(), name.data() + name.size(), step.version);
    if (parse_ec != std::errc{} || *end != '_' || step.version <= 0)
      return migration_error("migration file name is not NNNN_name.sql: " + name);
    found.push_back(std::move(step));
  }
  if (ec)
    return migration_error("cannot list " + dir.string() + ": " + ec.message());
  std::ranges::sort(found, {}, &migration::version);
  const auto twin = std::ranges::adjacent_find(found, {}, &migration::version);
  if (twin != found.end())
    return migration_error("two migrations have version " + std::to_string(twin->version));
  return found;
}

pg_expected<std::size_t> apply_migrations(pg_connection& conn, const std::filesystem::path& dir) {
  auto steps = list_migrations(dir);
  if (!steps)
    return steps.error();
  if (auto locked = conn.exec("SELECT pg_advisory_lock($1)", migration_lock_key); !locked)
    return locked.error();
  const migration_lock unlock_on_exit{conn};
  auto created = conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version BIGINT PRIMARY KEY, name TEXT NOT NULL,"
                           " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  if (!created)
    return created.error();
  auto applied = conn.exec("SELECT version, name FROM schema_migrations");
  if (!applied)
    return applied.error();
  std::map<std::int64_t, std::string> recorded;
  for (int row = 0; row < applied->rows(); ++row)
    recorded.emplace(applied->int64(row, 0), std::string(applied->text(row, 1)));
  for (const auto& [version, name] : recorded) {
    const auto known = std::ranges::find(*steps, version, &migration::version);
    if (known == steps->end() || known->name != name)
      return migration_error("schema_migrations has " + name + " which " + dir.string() + " does not");
  }
  std::size_t count = 0;
  for (const auto& step : *steps) {
    if (recorded.contains(step.version))
      continue;
    if (auto done = apply_one(conn, step); !done)
      return done.error();
    ++count;
  }
  return count;
}

std::filesystem::path bundled_migrations_dir() {
  return BOURSE_MIGRATIONS_DIR;
}

} // namespace bourse
