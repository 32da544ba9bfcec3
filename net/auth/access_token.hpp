#pragma once

#include "actors/common/reason_code.hpp"
#include "actors/common/types.hpp"
#include "net/auth/roles.hpp"

#include <boost/unordered/unordered_flat_map.hpp>

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace bourse::net {

/// What an access token says about its bearer.
struct access_claims {
  account_id user = 0;
  std::string username;
  role user_role = role::viewer;
  /// Expiry, seconds since the Unix epoch (UTC).
  std::int64_t expires_at_s = 0;
};

/// Result of verify(): code is none and claims are set, or code is token_invalid / token_expired.
struct token_check {
  reason_code code = reason_code::token_invalid;
  access_claims claims;
};

/// Issues and verifies JWT access tokens (RFC 7519, RFC 8725 practices), HS256 only, through libjwt.
/// Header typ "JWT"; claims typ ("access"), iss, aud, sub (user id), name, role, iat, nbf, exp.
class access_token_codec {
public:
  /// secret is the HS256 key (>= 32 bytes recommended); ttl_s the lifetime of issued tokens.
  access_token_codec(std::string secret, std::string issuer, std::string audience, std::int64_t ttl_s);

  /// A signed token for claims.user/username/user_role valid from now_s for ttl_s seconds.
  /// Throws std::runtime_error if libjwt fails.
  std::string issue(const access_claims& claims, std::int64_t now_s) const;

  /// Verifies signature, algorithm (HS256 pinned; "none" and others rejected), typ, iss, aud, nbf
  /// and exp against now_s. token_expired when only the time is wrong, token_invalid otherwise.
  /// A token that verified is remembered (up to verified_cache_limit, then all are forgotten), so
  /// that its next requests only check nbf and exp: the same bytes under the same key always
  /// verify the same way. Thread-safe.
  token_check verify(std::string_view token, std::int64_t now_s) const;

  /// Verified tokens remembered at most.
  static constexpr std::size_t verified_cache_limit = 4096;

  /// Lifetime of issued tokens, seconds.
  std::int64_t ttl_s() const noexcept { return ttl_s_; }

private:
  /// A token's claims once its signature and fields checked out, with its nbf (exp is in claims).
  struct verified {
    access_claims claims;
    std::int64_t not_before_s = 0;
  };

  /// The full check of a token not remembered; sets *valid_from to its nbf when it verified.
  token_check decode(const std::string& text, std::int64_t now_s, std::int64_t* valid_from) const;

  std::string secret_;
  std::string issuer_;
  std::string audience_;
  std::int64_t ttl_s_;
  mutable std::mutex verified_mutex_;
  mutable boost::unordered_flat_map<std::string, verified> verified_;
};

} // namespace bourse::net
