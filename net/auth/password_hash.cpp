#include "net/auth/password_hash.hpp"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace bourse::net {

namespace {

constexpr std::size_t salt_bytes = 16;
constexpr std::size_t hash_bytes = 32;

} // namespace

std::string hash_password(std::string_view password, const argon2_params& params) {
  std::array<unsigned char, salt_bytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  std::string encoded(argon2_encodedlen(params.time_cost, params.memory_kib, params.parallelism, salt_bytes,
                                        hash_bytes, Argon2_id),
                      '\0');
  int rc = argon2id_hash_encoded(params.time_cost, params.memory_kib, params.parallelism, password.data(),
                                 password.size(), salt.data(), salt.size(), hash_bytes, encoded.data(),
                                 encoded.size());
  if (rc != ARGON2_OK)
    throw std::runtime_error(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(std::string_view password, const std::string& encoded) noexcept {
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

} // namespace bourse::net
