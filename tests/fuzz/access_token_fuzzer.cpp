// libFuzzer target for access_token_codec::verify. The whole input, as a token, is verified at the
// corpus time: it never crashes, fails only with TOKEN_INVALID or TOKEN_EXPIRED, and a token it accepts
// is rejected under another key. The same bytes also drive a round trip: claims derived from the input
// are issued, verified (equal claims, nbf and exp boundaries, other key, issuer and audience rejected),
// re-headed as `alg: none` (rejected) and tampered at one byte (rejected unless the claims are unchanged).
#include "net/auth/access_token.hpp"

#include "tests/fuzz/fuzz_support.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using namespace bourse;
using bourse::fuzz::require;
using net::access_claims;
using net::access_token_codec;
using net::role;

const std::string fuzz_key = "bourse-fuzz-hs256-key-0123456789abcdef";
const std::string other_key = "bourse-fuzz-hs256-key-0123456789abcdeF";
constexpr std::string_view issuer = "bourse-fuzz";
constexpr std::string_view audience = "bourse-fuzz-clients";

/// The corpus tokens were issued at this time (s UTC) for 900 s; raw inputs are verified a minute later.
constexpr std::int64_t corpus_issued_s = 1'700'000'000;
constexpr std::int64_t corpus_ttl_s = 900;

/// base64url of {"alg":"none","typ":"JWT"}.
constexpr std::string_view alg_none_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";

access_token_codec codec(std::string_view key, std::int64_t ttl_s, std::string_view iss = issuer,
                         std::string_view aud = audience) {
  return access_token_codec(std::string(key), std::string(iss), std::string(aud), ttl_s);
}

bool same(const access_claims& a, const access_claims& b) {
  return a.user == b.user && a.username == b.username && a.user_role == b.user_role &&
         a.expires_at_s == b.expires_at_s;
}

void check_raw(std::string_view token) {
  auto now_s = corpus_issued_s + 60;
  auto check = codec(fuzz_key, corpus_ttl_s).verify(token, now_s);
  if (check.code != reason_code::none) {
    require(check.code == reason_code::token_invalid || check.code == reason_code::token_expired,
            "a rejected token is TOKEN_INVALID or TOKEN_EXPIRED");
    return;
  }
  require(check.claims.user != 0 && check.claims.expires_at_s > now_s,
          "an accepted token has a user and is live");
  require(codec(other_key, corpus_ttl_s).verify(token, now_s).code == reason_code::token_invalid,
          "a token accepted under one key is rejected under another");
}

void check_round_trip(FuzzedDataProvider& input) {
  access_claims claims;
  claims.user = input.ConsumeIntegralInRange<account_id>(1, UINT64_MAX);
  claims.user_role =
      input.PickValueInArray({role::admin, role::auctioneer, role::player, role::bot, role::viewer});
  // issue() hands C strings to libjwt; usernames never hold NUL (valid_username).
  claims.username = input.ConsumeRandomLengthString(48);
  std::erase(claims.username, '\0');
  auto now_s = input.ConsumeIntegralInRange<std::int64_t>(0, std::int64_t{1} << 34);
  auto ttl_s = input.ConsumeIntegralInRange<std::int64_t>(1, std::int64_t{1} << 20);
  auto issuing = codec(fuzz_key, ttl_s);
  std::string token;
  try {
    token = issuing.issue(claims, now_s);
  } catch (const std::runtime_error&) {
    bool ascii = std::all_of(claims.username.begin(), claims.username.end(),
                             [](char c) { return c >= 0x20 && c < 0x7f; });
    require(!ascii, "issue fails only for a username that is not valid UTF-8");
    return;
  }
  claims.expires_at_s = now_s + ttl_s;
  auto check = issuing.verify(token, now_s);
  require(check.code == reason_code::none && same(check.claims, claims),
          "an issued token verifies to its claims");
  require(issuing.verify(token, now_s + ttl_s - 1).code == reason_code::none, "a token is live until exp");
  require(issuing.verify(token, now_s + ttl_s).code == reason_code::token_expired, "a token expires at exp");
  require(issuing.verify(token, now_s - 1).code == reason_code::token_expired,
          "a token is not live before nbf");
  require(codec(other_key, ttl_s).verify(token, now_s).code == reason_code::token_invalid,
          "another key rejects the token");
  require(codec(fuzz_key, ttl_s, "other-issuer").verify(token, now_s).code == reason_code::token_invalid,
          "another issuer rejects the token");
  require(codec(fuzz_key, ttl_s, issuer, "other-audience").verify(token, now_s).code ==
              reason_code::token_invalid,
          "another audience rejects the token");

  auto first_dot = token.find('.');
  auto second_dot = token.find('.', first_dot + 1);
  require(first_dot != std::string::npos && second_dot != std::string::npos, "a token has three parts");
  auto unsigned_token = std::string(alg_none_header) + token.substr(first_dot, second_dot - first_dot + 1);
  require(issuing.verify(unsigned_token, now_s).code == reason_code::token_invalid, "alg none is rejected");

  auto at = input.ConsumeIntegralInRange<std::size_t>(0, token.size() - 1);
  auto tampered = token;
  tampered[at] = input.ConsumeIntegral<char>();
  auto forged = issuing.verify(tampered, now_s);
  require(forged.code != reason_code::none || same(forged.claims, claims),
          "a tampered token never verifies to other claims");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_raw(std::string_view(reinterpret_cast<const char*>(data), size));
  FuzzedDataProvider input(data, size);
  check_round_trip(input);
  return 0;
}
