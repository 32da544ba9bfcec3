#include "net/auth/password_hash.hpp"

#include "net/auth/crypto.hpp"
#include "net/auth/refresh_tokens.hpp"
#include "net/auth/roles.hpp"

#include <gtest/gtest.h>

namespace bourse::net {
namespace {

// Cheap parameters keep the suite fast; the algorithm and encoding are the production ones.
const argon2_params fast{1, 1024, 1};

TEST(password_hash, verifies_the_right_password_only) {
  auto encoded = hash_password("correct horse", fast);
  EXPECT_TRUE(encoded.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"));
  EXPECT_TRUE(verify_password("correct horse", encoded));
  EXPECT_FALSE(verify_password("correct horse ", encoded));
  EXPECT_FALSE(verify_password("", encoded));
}

TEST(password_hash, salts_differ) {
  EXPECT_NE(hash_password("same", fast), hash_password("same", fast));
}

TEST(password_hash, default_cost_is_owasp_minimum) {
  EXPECT_TRUE(hash_password("pw").starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
}

TEST(password_hash, malformed_hash_does_not_verify) {
  EXPECT_FALSE(verify_password("pw", ""));
  EXPECT_FALSE(verify_password("pw", "$argon2id$garbage"));
  EXPECT_FALSE(verify_password("pw", "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$aGFzaA"));
}

TEST(crypto, sha256_matches_fips_vector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(crypto, random_tokens_are_url_safe_and_distinct) {
  auto a = random_token(32);
  EXPECT_EQ(a.size(), 43U);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(a, random_token(32));
  EXPECT_TRUE(secure_equals(a, a));
  EXPECT_FALSE(secure_equals(a, a.substr(1)));
}

TEST(roles, permissions) {
  EXPECT_TRUE(allows(role::admin, permission::administer));
  EXPECT_FALSE(allows(role::auctioneer, permission::administer));
  EXPECT_TRUE(allows(role::auctioneer, permission::run_auctions));
  EXPECT_FALSE(allows(role::player, permission::run_auctions));
  EXPECT_TRUE(allows(role::bot, permission::trade));
  EXPECT_FALSE(allows(role::viewer, permission::trade));
  EXPECT_EQ(check_permission(std::nullopt, permission::read_market), reason_code::none);
  EXPECT_EQ(check_permission(std::nullopt, permission::trade), reason_code::unauthenticated);
  EXPECT_EQ(check_permission(role::player, permission::administer), reason_code::forbidden);
  EXPECT_EQ(check_permission(role::admin, permission::administer), reason_code::none);
}

TEST(roles, wire_names_round_trip) {
  for (auto r : {role::admin, role::auctioneer, role::player, role::bot, role::viewer})
    EXPECT_EQ(role_from_string(to_string(r)), r);
  EXPECT_EQ(role_from_string("root"), std::nullopt);
}

class refresh_tokens_test : public ::testing::Test {
protected:
  memory_refresh_token_store store;
  refresh_token_service service{store, 3600};
  static constexpr std::int64_t now = 1'700'000'000;
};

TEST_F(refresh_tokens_test, rotation_returns_a_new_token_and_retires_the_old) {
  auto first = service.issue(7, now);
  auto second = service.rotate(first, now + 1);
  ASSERT_EQ(second.code, reason_code::none);
  EXPECT_EQ(second.user, 7U);
  EXPECT_NE(second.token, first);
  auto third = service.rotate(second.token, now + 2);
  EXPECT_EQ(third.code, reason_code::none);
}

TEST_F(refresh_tokens_test, only_the_hash_is_stored) {
  auto token = service.issue(7, now);
  EXPECT_FALSE(store.find(token).has_value());
  ASSERT_TRUE(store.find(sha256_hex(token)).has_value());
  EXPECT_EQ(store.find(sha256_hex(token))->user, 7U);
}

TEST_F(refresh_tokens_test, reuse_revokes_the_family) {
  auto first = service.issue(7, now);
  auto second = service.rotate(first, now + 1);
  ASSERT_EQ(second.code, reason_code::none);
  EXPECT_EQ(service.rotate(first, now + 2).code, reason_code::token_invalid);
  EXPECT_EQ(service.rotate(second.token, now + 3).code, reason_code::token_invalid);
}

TEST_F(refresh_tokens_test, other_families_survive_a_revocation) {
  auto mine = service.issue(7, now);
  auto other_device = service.issue(7, now);
  service.revoke(mine);
  EXPECT_EQ(service.rotate(mine, now + 1).code, reason_code::token_invalid);
  EXPECT_EQ(service.rotate(other_device, now + 1).code, reason_code::none);
}

TEST_F(refresh_tokens_test, expired_and_unknown) {
  auto token = service.issue(7, now);
  EXPECT_EQ(service.rotate(token, now + 3600).code, reason_code::token_expired);
  EXPECT_EQ(service.rotate("no-such-token", now).code, reason_code::token_invalid);
  service.revoke("no-such-token");
}

} // namespace
} // namespace bourse::net
