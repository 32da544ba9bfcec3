#include "net/auth/access_token.hpp"

#include <gtest/gtest.h>
#include <jwt.h>

#include <cstdlib>
#include <memory>

namespace bourse::net {
namespace {

const std::string secret = "0123456789abcdef0123456789abcdef";
constexpr std::int64_t now = 1'700'000'000;

access_token_codec codec() {
  return {secret, "bourse", "bourse-api", 900};
}

access_claims alice() {
  return {42, "alice", role::player, 0};
}

/// A token built directly with libjwt so that each field can be wrong on purpose.
std::string craft(jwt_alg_t alg, const std::string& key, const char* typ, const char* aud = "bourse-api",
                  std::int64_t exp = now + 900, const char* sub = "42", const char* role_name = "player") {
  jwt_t* raw = nullptr;
  jwt_new(&raw);
  std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, &jwt_free);
  if (typ != nullptr)
    jwt_add_grant(raw, "typ", typ);
  jwt_add_grant(raw, "iss", "bourse");
  jwt_add_grant(raw, "aud", aud);
  jwt_add_grant(raw, "sub", sub);
  jwt_add_grant(raw, "name", "alice");
  jwt_add_grant(raw, "role", role_name);
  jwt_add_grant_int(raw, "nbf", now);
  jwt_add_grant_int(raw, "exp", exp);
  jwt_set_alg(raw, alg, key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()),
              static_cast<int>(key.size()));
  std::unique_ptr<char, decltype(&std::free)> text(jwt_encode_str(raw), &std::free);
  return text ? text.get() : "";
}

TEST(access_token, round_trip) {
  auto token = codec().issue(alice(), now);
  auto check = codec().verify(token, now + 1);
  ASSERT_EQ(check.code, reason_code::none);
  EXPECT_EQ(check.claims.user, 42U);
  EXPECT_EQ(check.claims.username, "alice");
  EXPECT_EQ(check.claims.user_role, role::player);
  EXPECT_EQ(check.claims.expires_at_s, now + 900);
}

TEST(access_token, crafted_valid_token_is_accepted) {
  EXPECT_EQ(codec().verify(craft(JWT_ALG_HS256, secret, "access"), now).code, reason_code::none);
}

TEST(access_token, expired_and_not_yet_valid) {
  auto token = codec().issue(alice(), now);
  EXPECT_EQ(codec().verify(token, now + 900).code, reason_code::token_expired);
  EXPECT_EQ(codec().verify(token, now - 1).code, reason_code::token_expired);
}

TEST(access_token, remembered_token_still_checks_time) {
  const auto c = codec();
  auto token = c.issue(alice(), now);
  ASSERT_EQ(c.verify(token, now + 1).code, reason_code::none);
  EXPECT_EQ(c.verify(token, now + 900).code, reason_code::token_expired);
  EXPECT_EQ(c.verify(token, now - 1).code, reason_code::token_expired);
  auto again = c.verify(token, now + 2);
  ASSERT_EQ(again.code, reason_code::none);
  EXPECT_EQ(again.claims.user, 42U);
  EXPECT_EQ(again.claims.username, "alice");
  EXPECT_EQ(again.claims.user_role, role::player);
  EXPECT_EQ(again.claims.expires_at_s, now + 900);
}

TEST(access_token, remembered_token_vouches_for_no_other) {
  const auto c = codec();
  auto token = c.issue(alice(), now);
  ASSERT_EQ(c.verify(token, now).code, reason_code::none);
  auto forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(c.verify(forged, now).code, reason_code::token_invalid);
  EXPECT_EQ(c.verify(token.substr(0, token.size() - 1), now).code, reason_code::token_invalid);
  EXPECT_EQ(c.verify(token, now).code, reason_code::none);
}

TEST(access_token, alg_none_is_rejected) {
  auto token = craft(JWT_ALG_NONE, "", "access");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(codec().verify(token, now).code, reason_code::token_invalid);
}

TEST(access_token, other_algorithm_is_rejected) {
  EXPECT_EQ(codec().verify(craft(JWT_ALG_HS512, secret + secret, "access"), now).code,
            reason_code::token_invalid);
  EXPECT_EQ(codec().verify(craft(JWT_ALG_HS384, secret, "access"), now).code, reason_code::token_invalid);
}

TEST(access_token, forged_signature_is_rejected) {
  EXPECT_EQ(codec().verify(craft(JWT_ALG_HS256, "another-secret-another-secret-xx", "access"), now).code,
            reason_code::token_invalid);
  auto token = codec().issue(alice(), now);
  token.back() = token.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(codec().verify(token, now).code, reason_code::token_invalid);
}

TEST(access_token, tampered_payload_is_rejected) {
  auto token = codec().issue(alice(), now);
  auto admin = codec().issue({42, "alice", role::admin, 0}, now);
  auto first_dot = token.find('.');
  auto second_dot = token.find('.', first_dot + 1);
  auto admin_first = admin.find('.');
  auto admin_second = admin.find('.', admin_first + 1);
  auto spliced = token.substr(0, first_dot + 1) +
                 admin.substr(admin_first + 1, admin_second - admin_first - 1) + token.substr(second_dot);
  EXPECT_EQ(codec().verify(spliced, now).code, reason_code::token_invalid);
}

TEST(access_token, wrong_typ_aud_iss_or_claims_are_rejected) {
  EXPECT_EQ(codec().verify(craft(JWT_ALG_HS256, secret, nullptr), now).code, reason_code::token_invalid);
  EXPECT_EQ(codec().verify(craft(JWT_ALG_HS256, secret, "refresh"), now).code, reason_code::token_invalid);
  EXPECT_EQ(codec().verify(craft(JWT_ALG_HS256, secret, "access", "other-api"), now).code,
            reason_code::token_invalid);
  EXPECT_EQ(codec().verify(craft(JWT_ALG_HS256, secret, "access", "bourse-api", now + 900, "0"), now).code,
            reason_code::token_invalid);
  EXPECT_EQ(
      codec().verify(craft(JWT_ALG_HS256, secret, "access", "bourse-api", now + 900, "42", "god"), now).code,
      reason_code::token_invalid);
  access_token_codec other_issuer(secret, "elsewhere", "bourse-api", 900);
  EXPECT_EQ(other_issuer.verify(codec().issue(alice(), now), now).code, reason_code::token_invalid);
}

/// A correctly signed access token whose nbf and exp claims are the given JSON values.
std::string with_times(const std::string& nbf_json, const std::string& exp_json) {
  jwt_t* raw = nullptr;
  jwt_new(&raw);
  std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, &jwt_free);
  const std::string claims = R"({"typ":"access","iss":"bourse","aud":"bourse-api","sub":"42","name":"alice",)"
                             R"("role":"player","nbf":)" +
                             nbf_json + R"(,"exp":)" + exp_json + "}";
  EXPECT_EQ(jwt_add_grants_json(raw, claims.c_str()), 0);
  jwt_set_alg(raw, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret.data()),
              static_cast<int>(secret.size()));
  std::unique_ptr<char, decltype(&std::free)> text(jwt_encode_str(raw), &std::free);
  return text ? text.get() : "";
}

TEST(access_token, time_claims_must_be_integers) {
  const auto exp = std::to_string(now + 900);
  EXPECT_EQ(codec().verify(with_times(std::to_string(now), exp), now).code, reason_code::none);
  // libjwt reads these as 0 (no lower bound) unless the JSON type is checked: a future nbf as a
  // string or a real number must not make the token valid now.
  EXPECT_EQ(codec().verify(with_times(R"("1800000000")", exp), now).code, reason_code::token_invalid);
  EXPECT_EQ(codec().verify(with_times("1.8e9", exp), now).code, reason_code::token_invalid);
  EXPECT_EQ(codec().verify(with_times(std::to_string(now), "\"" + exp + "\""), now).code,
            reason_code::token_invalid);
}

TEST(access_token, garbage_is_rejected) {
  for (const char* text : {"", ".", "..", "a.b.c", "not a token", "eyJhbGciOiJIUzI1NiJ9..."})
    EXPECT_EQ(codec().verify(text, now).code, reason_code::token_invalid) << text;
}

} // namespace
} // namespace bourse::net
