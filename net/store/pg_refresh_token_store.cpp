#include "net/store/pg_refresh_token_store.hpp"

namespace bourse::net {

namespace {

constexpr std::int64_t ns_per_s = 1'000'000'000;
constexpr const char* now_ns = "(extract(epoch FROM clock_timestamp()) * 1e9)::bigint";

} // namespace

void pg_refresh_token_store::insert(refresh_record record) {
  link_.with([&](pg_connection& conn) {
    return conn
        .exec(
            std::string("INSERT INTO refresh_tokens (user_id, token_hash, family_id, issued_ns, expires_ns) "
                        "VALUES ($1, decode($2, 'hex'), $3, ") +
                now_ns + ", $4)",
            static_cast<std::int64_t>(record.user), record.token_hash, record.family,
            record.expires_at_s * ns_per_s)
        .value();
  });
}

std::optional<refresh_record> pg_refresh_token_store::find(const std::string& token_hash) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn
        .exec("SELECT family_id, user_id, expires_ns, replaced_by IS NOT NULL, revoked_ns IS NOT NULL "
              "FROM refresh_tokens WHERE token_hash = decode($1, 'hex')",
              token_hash)
        .value();
  });
  if (rows.rows() == 0)
    return std::nullopt;
  return refresh_record{token_hash,
                        rows.int64(0, 0),
                        static_cast<account_id>(rows.int64(0, 1)),
                        rows.int64(0, 2) / ns_per_s,
                        rows.boolean(0, 3),
                        rows.boolean(0, 4)};
}

bool pg_refresh_token_store::rotate(const std::string& old_hash, refresh_record next) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn
        .exec(
            std::string("WITH old AS (SELECT id, user_id, family_id FROM refresh_tokens "
                        "WHERE token_hash = decode($1, 'hex') AND replaced_by IS NULL AND revoked_ns IS NULL "
                        "FOR UPDATE), "
                        "fresh AS (INSERT INTO refresh_tokens (user_id, token_hash, family_id, issued_ns, "
                        "expires_ns) SELECT user_id, decode($2, 'hex'), family_id, ") +
                now_ns +
                ", $3 FROM old RETURNING id) "
                "UPDATE refresh_tokens SET replaced_by = fresh.id FROM old, fresh "
                "WHERE refresh_tokens.id = old.id RETURNING refresh_tokens.id",
            old_hash, next.token_hash, next.expires_at_s * ns_per_s)
        .value();
  });
  return rows.rows() == 1;
}

void pg_refresh_token_store::revoke_family(std::int64_t family) {
  link_.with([&](pg_connection& conn) {
    return conn
        .exec(std::string("UPDATE refresh_tokens SET revoked_ns = ") + now_ns +
                  " WHERE family_id = $1 AND revoked_ns IS NULL",
              family)
        .value();
  });
}

} // namespace bourse::net
