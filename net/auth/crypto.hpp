#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

/// Small wrappers over OpenSSL for tokens and ids.
namespace bourse::net {

/// size_bytes from the OpenSSL CSPRNG, base64url without padding. Throws std::runtime_error if the
/// generator fails.
std::string random_token(std::size_t size_bytes);

/// A random positive 63-bit id from the OpenSSL CSPRNG. Throws std::runtime_error if it fails.
std::int64_t random_id();

/// Lower-case hex SHA-256 of data (FIPS 180-4).
std::string sha256_hex(std::string_view data);

/// Constant-time equality (CRYPTO_memcmp) for secrets of possibly different lengths.
bool secure_equals(std::string_view a, std::string_view b) noexcept;

} // namespace bourse::net
