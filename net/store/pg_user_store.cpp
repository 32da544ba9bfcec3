#include "net/store/pg_user_store.hpp"

#include <stdexcept>

namespace bourse::net {

namespace {

constexpr const char* columns = "SELECT id, username, role, coalesce(password_hash, ''), "
                                "coalesce(discord_id, '') FROM users WHERE ";

std::optional<std::string> null_if_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

user_record read_user(const pg_rows& rows, int row = 0) {
  auto user_role = role_from_string(rows.text(row, 2));
  if (!user_role)
    throw std::runtime_error("users: unknown role " + std::string(rows.text(row, 2)));
  return {static_cast<account_id>(rows.int64(row, 0)), std::string(rows.text(row, 1)), *user_role,
          std::string(rows.text(row, 3)), std::string(rows.text(row, 4))};
}

/// `ids` as a PostgreSQL array literal: {1,2,3}.
std::string id_array(const std::vector<account_id>& ids) {
  std::string out = "{";
  for (const auto id : ids) {
    if (out.size() > 1)
      out += ',';
    out += std::to_string(id);
  }
  out += '}';
  return out;
}

} // namespace

std::optional<user_record> pg_user_store::create(const user_record& user) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn
        .exec("INSERT INTO users (username, role, password_hash, discord_id) VALUES ($1, $2, $3, $4) "
              "ON CONFLICT DO NOTHING RETURNING id",
              user.username, std::string(to_string(user.user_role)), null_if_empty(user.password_hash),
              null_if_empty(user.discord_id))
        .value();
  });
  if (rows.rows() == 0)
    return std::nullopt;
  auto created = user;
  created.id = static_cast<account_id>(rows.int64(0, 0));
  return created;
}

std::optional<user_record> pg_user_store::find_where(const char* condition, const std::string& value) {
  auto rows = link_.with(
      [&](pg_connection& conn) { return conn.exec(std::string(columns) + condition, value).value(); });
  if (rows.rows() == 0)
    return std::nullopt;
  return read_user(rows);
}

std::optional<user_record> pg_user_store::find_by_name(std::string_view username) {
  return find_where("username = $1", std::string(username));
}

std::optional<user_record> pg_user_store::find_by_id(account_id id) {
  return find_where("id = $1", std::to_string(id));
}

std::vector<user_record> pg_user_store::find_by_ids(const std::vector<account_id>& ids) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn.exec(std::string(columns) + "id = ANY($1::bigint[])", id_array(ids)).value();
  });
  std::vector<user_record> users;
  for (int r = 0; r < rows.rows(); ++r)
    users.push_back(read_user(rows, r));
  return users;
}

std::optional<user_record> pg_user_store::find_by_discord_id(std::string_view discord_id) {
  return find_where("discord_id = $1", std::string(discord_id));
}

bool pg_user_store::set_role(account_id id, role new_role) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn
        .exec("UPDATE users SET role = $2 WHERE id = $1", static_cast<std::int64_t>(id),
              std::string(to_string(new_role)))
        .value();
  });
  return rows.affected() == 1;
}

} // namespace bourse::net
