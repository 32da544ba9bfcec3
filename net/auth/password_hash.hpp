#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bourse::net {

/// Argon2id cost; the defaults are OWASP's minimum (19 MiB, 2 passes, 1 lane).
struct argon2_params {
  std::uint32_t time_cost = 2;
  std::uint32_t memory_kib = 19 * 1024;
  std::uint32_t parallelism = 1;
};

/// Hashes password with argon2id (RFC 9106) and a random 16-byte salt; returns the PHC encoded form
/// "$argon2id$v=19$m=...,t=...,p=...$salt$hash". Throws std::runtime_error on failure.
std::string hash_password(std::string_view password, const argon2_params& params = {});

/// True when password matches an encoded argon2id hash; false for a mismatch or a malformed hash.
bool verify_password(std::string_view password, const std::string& encoded) noexcept;

} // namespace bourse::net
