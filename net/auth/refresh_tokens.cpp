#include "net/auth/refresh_tokens.hpp"

#include "net/auth/crypto.hpp"

namespace bourse::net {

namespace {

constexpr std::size_t token_bytes = 32;

} // namespace

void memory_refresh_token_store::insert(refresh_record record) {
  std::lock_guard guard(mutex_);
  auto key = record.token_hash;
  records_.insert_or_assign(std::move(key), std::move(record));
}

std::optional<refresh_record> memory_refresh_token_store::find(const std::string& token_hash) {
  std::lock_guard guard(mutex_);
  auto it = records_.find(token_hash);
  if (it == records_.end())
    return std::nullopt;
  return it->second;
}

bool memory_refresh_token_store::rotate(const std::string& old_hash, refresh_record next) {
  std::lock_guard guard(mutex_);
  auto it = records_.find(old_hash);
  if (it == records_.end() || it->second.used || it->second.revoked)
    return false;
  it->second.used = true;
  auto key = next.token_hash;
  records_.insert_or_assign(std::move(key), std::move(next));
  return true;
}

void memory_refresh_token_store::revoke_family(std::int64_t family) {
  std::lock_guard guard(mutex_);
  for (auto& [hash, record] : records_)
    if (record.family == family)
      record.revoked = true;
}

refresh_token_service::refresh_token_service(refresh_token_store& store, std::int64_t ttl_s)
    : store_(store), ttl_s_(ttl_s) {
  // nop
}

refresh_record refresh_token_service::make_record(const std::string& token, account_id user,
                                                  std::int64_t family, std::int64_t now_s) const {
  return {sha256_hex(token), family, user, now_s + ttl_s_, false, false};
}

std::string refresh_token_service::issue(account_id user, std::int64_t now_s) {
  auto token = random_token(token_bytes);
  store_.insert(make_record(token, user, random_id(), now_s));
  return token;
}

refresh_result refresh_token_service::rotate(std::string_view token, std::int64_t now_s) {
  refresh_result result;
  auto hash = sha256_hex(token);
  auto record = store_.find(hash);
  if (!record || record->revoked)
    return result;
  if (now_s >= record->expires_at_s) {
    result.code = record->used ? reason_code::token_invalid : reason_code::token_expired;
    return result;
  }
  auto next = random_token(token_bytes);
  if (!store_.rotate(hash, make_record(next, record->user, record->family, now_s))) {
    store_.revoke_family(record->family);
    return result;
  }
  result.code = reason_code::none;
  result.user = record->user;
  result.token = std::move(next);
  return result;
}

void refresh_token_service::revoke(std::string_view token) {
  if (auto record = store_.find(sha256_hex(token)))
    store_.revoke_family(record->family);
}

} // namespace bourse::net
