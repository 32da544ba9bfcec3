#include "net/auth/access_token.hpp"

#include <jwt.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace bourse::net {

namespace {

// libjwt 1.10 always writes header typ "JWT", so the token kind is the payload claim typ (as Keycloak
// does), checked together with the header.
constexpr std::string_view header_type = "JWT";
constexpr std::string_view token_type = "access";

struct jwt_deleter {
  void operator()(jwt_t* jwt) const noexcept { jwt_free(jwt); }
};
using jwt_ptr = std::unique_ptr<jwt_t, jwt_deleter>;

void check(int rc, const char* what) {
  if (rc != 0)
    throw std::runtime_error(std::string("libjwt: ") + what);
}

std::string_view grant(jwt_t* jwt, const char* name) {
  const char* value = jwt_get_grant(jwt, name);
  return value == nullptr ? std::string_view{} : std::string_view(value);
}

// The claim `name` when it is a JSON integer. libjwt 1.10's jwt_get_grant_int reads a string or a
// real number claim as 0 without an error, so the claim's JSON text is read instead: it must be
// exactly a decimal integer ("1.8e9" and "\"1800000000\"" are refused).
bool int_grant(jwt_t* jwt, const char* name, long& out) {
  std::unique_ptr<char, decltype(&std::free)> json(jwt_get_grants_json(jwt, name), &std::free);
  if (!json)
    return false;
  const std::string_view text(json.get());
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

} // namespace

access_token_codec::access_token_codec(std::string secret, std::string issuer, std::string audience,
                                       std::int64_t ttl_s)
    : secret_(std::move(secret)), issuer_(std::move(issuer)), audience_(std::move(audience)), ttl_s_(ttl_s) {
  if (secret_.empty())
    throw std::invalid_argument("access_token_codec: empty secret");
}

std::string access_token_codec::issue(const access_claims& claims, std::int64_t now_s) const {
  jwt_t* raw = nullptr;
  check(jwt_new(&raw), "jwt_new");
  jwt_ptr jwt(raw);
  check(jwt_add_grant(jwt.get(), "typ", std::string(token_type).c_str()), "typ");
  check(jwt_add_grant(jwt.get(), "iss", issuer_.c_str()), "iss");
  check(jwt_add_grant(jwt.get(), "aud", audience_.c_str()), "aud");
  check(jwt_add_grant(jwt.get(), "sub", std::to_string(claims.user).c_str()), "sub");
  check(jwt_add_grant(jwt.get(), "name", claims.username.c_str()), "name");
  check(jwt_add_grant(jwt.get(), "role", std::string(to_string(claims.user_role)).c_str()), "role");
  check(jwt_add_grant_int(jwt.get(), "iat", now_s), "iat");
  check(jwt_add_grant_int(jwt.get(), "nbf", now_s), "nbf");
  check(jwt_add_grant_int(jwt.get(), "exp", now_s + ttl_s_), "exp");
  check(jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret_.data()),
                    static_cast<int>(secret_.size())),
        "alg");
  std::unique_ptr<char, decltype(&std::free)> text(jwt_encode_str(jwt.get()), &std::free);
  if (!text)
    throw std::runtime_error("libjwt: encode");
  return text.get();
}

token_check access_token_codec::verify(std::string_view token, std::int64_t now_s) const {
  std::string text(token);
  {
    std::lock_guard lock(verified_mutex_);
    if (auto it = verified_.find(text); it != verified_.end()) {
      const auto& known = it->second;
      if (now_s < known.not_before_s || now_s >= known.claims.expires_at_s)
        return {reason_code::token_expired, {}};
      return {reason_code::none, known.claims};
    }
  }
  std::int64_t valid_from = 0;
  auto result = decode(text, now_s, &valid_from);
  if (result.code == reason_code::none) {
    std::lock_guard lock(verified_mutex_);
    if (verified_.size() >= verified_cache_limit)
      verified_.clear();
    verified_.emplace(std::move(text), verified{result.claims, valid_from});
  }
  return result;
}

token_check access_token_codec::decode(const std::string& text, std::int64_t now_s,
                                       std::int64_t* valid_from) const {
  token_check result;
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(secret_.data()),
                 static_cast<int>(secret_.size())) != 0)
    return result;
  jwt_ptr jwt(raw);
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
    return result;
  const char* typ = jwt_get_header(jwt.get(), "typ");
  if (typ == nullptr || header_type != typ || grant(jwt.get(), "typ") != token_type)
    return result;
  if (grant(jwt.get(), "iss") != issuer_ || grant(jwt.get(), "aud") != audience_)
    return result;
  long nbf = 0;
  long exp = 0;
  if (!int_grant(jwt.get(), "nbf", nbf) || !int_grant(jwt.get(), "exp", exp))
    return result;
  auto sub = grant(jwt.get(), "sub");
  account_id user = 0;
  auto [end, ec] = std::from_chars(sub.data(), sub.data() + sub.size(), user);
  auto user_role = role_from_string(grant(jwt.get(), "role"));
  if (ec != std::errc{} || end != sub.data() + sub.size() || user == 0 || !user_role)
    return result;
  if (now_s < nbf || now_s >= exp) {
    result.code = reason_code::token_expired;
    return result;
  }
  result.code = reason_code::none;
  result.claims = {user, std::string(grant(jwt.get(), "name")), *user_role, exp};
  *valid_from = nbf;
  return result;
}

} // namespace bourse::net
