#pragma once

#include "net/auth/user_store.hpp"
#include "net/store/pg_link.hpp"

namespace bourse::net {

/// user_store on the PostgreSQL table `users` (persistence/migrations/0001). Throws
/// std::runtime_error on database failures.
class pg_user_store final : public user_store {
public:
  /// link must outlive the store.
  explicit pg_user_store(pg_link& link) : link_(link) {}

  std::optional<user_record> create(const user_record& user) override;
  std::optional<user_record> find_by_name(std::string_view username) override;
  std::optional<user_record> find_by_id(account_id id) override;
  std::optional<user_record> find_by_discord_id(std::string_view discord_id) override;
  std::vector<user_record> find_by_ids(const std::vector<account_id>& ids) override;
  bool set_role(account_id id, role new_role) override;

private:
  std::optional<user_record> find_where(const char* condition, const std::string& value);

  pg_link& link_;
};

} // namespace bourse::net
