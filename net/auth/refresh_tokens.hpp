#pragma once

#include "actors/common/reason_code.hpp"
#include "actors/common/types.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bourse::net {

/// One stored refresh token. Only the SHA-256 of the token is kept; a rotation chain shares a family.
struct refresh_record {
  std::string token_hash;
  /// Positive id shared by every token of one rotation chain.
  std::int64_t family = 0;
  account_id user = 0;
  /// Seconds since the Unix epoch (UTC).
  std::int64_t expires_at_s = 0;
  /// Set once the token has been exchanged for a new one.
  bool used = false;
  /// Set when the family was revoked (logout or reuse).
  bool revoked = false;
};

/// Durable home of refresh tokens (PostgreSQL in production). Implementations are thread-safe.
class refresh_token_store {
public:
  virtual ~refresh_token_store() = default;
  /// Adds a new unused record.
  virtual void insert(refresh_record record) = 0;
  /// The record for token_hash, or nullopt.
  virtual std::optional<refresh_record> find(const std::string& token_hash) = 0;
  /// Atomically retires old_hash and adds next in its place; false (nothing added) when old_hash
  /// was already used, revoked or is unknown.
  virtual bool rotate(const std::string& old_hash, refresh_record next) = 0;
  /// Revokes every token of family.
  virtual void revoke_family(std::int64_t family) = 0;
};

/// refresh_token_store in memory, for tests and the store-less embedded mode.
class memory_refresh_token_store final : public refresh_token_store {
public:
  void insert(refresh_record record) override;
  std::optional<refresh_record> find(const std::string& token_hash) override;
  bool rotate(const std::string& old_hash, refresh_record next) override;
  void revoke_family(std::int64_t family) override;

private:
  std::mutex mutex_;
  std::unordered_map<std::string, refresh_record> records_;
};

/// Result of a rotation: code none with a new token and its user, or token_invalid / token_expired.
struct refresh_result {
  reason_code code = reason_code::token_invalid;
  std::string token;
  account_id user = 0;
};

/// Opaque rotating refresh tokens (OAuth 2.0 Security BCP, RFC 9700 §4.14.2): each use returns a new
/// token and retires the old one; presenting a retired token revokes its whole family.
class refresh_token_service {
public:
  /// store must outlive the service; ttl_s is each token's lifetime.
  refresh_token_service(refresh_token_store& store, std::int64_t ttl_s);

  /// A new token starting a new family for user.
  std::string issue(account_id user, std::int64_t now_s);

  /// Exchanges token for the next one of its family. Reuse of a retired token revokes the family
  /// and returns token_invalid; an expired token returns token_expired.
  refresh_result rotate(std::string_view token, std::int64_t now_s);

  /// Revokes token's family (logout); unknown tokens are ignored.
  void revoke(std::string_view token);

private:
  refresh_record make_record(const std::string& token, account_id user, std::int64_t family,
                             std::int64_t now_s) const;

  refresh_token_store& store_;
  std::int64_t ttl_s_;
};

} // namespace bourse::net
