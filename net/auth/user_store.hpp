#pragma once

#include "actors/common/types.hpp"
#include "net/auth/roles.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bourse::net {

/// One user of the exchange; the id is also the account id.
struct user_record {
  account_id id = 0;
  std::string username;
  role user_role = role::player;
  /// argon2id PHC string; empty for users without a local password (Discord only).
  std::string password_hash;
  /// Discord user id (snowflake as text); empty for local users.
  std::string discord_id;
};

/// Durable home of users (PostgreSQL table `users`). Implementations are thread-safe and throw
/// std::runtime_error when the store itself fails.
class user_store {
public:
  virtual ~user_store() = default;
  /// Adds user (its id is assigned and returned); nullopt when the username or Discord id exists.
  virtual std::optional<user_record> create(const user_record& user) = 0;
  virtual std::optional<user_record> find_by_name(std::string_view username) = 0;
  virtual std::optional<user_record> find_by_id(account_id id) = 0;
  virtual std::optional<user_record> find_by_discord_id(std::string_view discord_id) = 0;
  /// The users among `ids` (any order; unknown ids are left out).
  virtual std::vector<user_record> find_by_ids(const std::vector<account_id>& ids) = 0;
  /// Sets the role of id; false for an unknown id.
  virtual bool set_role(account_id id, role new_role) = 0;
};

} // namespace bourse::net
