#pragma once

#include "net/auth/refresh_tokens.hpp"
#include "net/store/pg_link.hpp"

namespace bourse::net {

/// refresh_token_store on the PostgreSQL table `refresh_tokens` (persistence/migrations/0003): the
/// SHA-256 as BYTEA, `replaced_by` marks a used token, `revoked_ns` a revoked family. Rotation is one
/// statement, so two concurrent uses of one token let exactly one through. Throws
/// std::runtime_error on database failures.
class pg_refresh_token_store final : public refresh_token_store {
public:
  /// link must outlive the store.
  explicit pg_refresh_token_store(pg_link& link) : link_(link) {}

  void insert(refresh_record record) override;
  std::optional<refresh_record> find(const std::string& token_hash) override;
  bool rotate(const std::string& old_hash, refresh_record next) override;
  void revoke_family(std::int64_t family) override;

private:
  pg_link& link_;
};

} // namespace bourse::net
