#pragma once

#include "config/settings.hpp"
#include "net/auth/user_store.hpp"

#include <string>

namespace bourse::net::api {

/// What ensure_first_admin did.
struct first_admin_result {
  /// True when the admin user was created by this call.
  bool created = false;
  /// The generated password when admin.password was empty and the user was created; else empty.
  std::string generated_password;
};

/// Creates admin.username with role admin and the argon2id hash of admin.password when no user of
/// that name exists. An empty password is generated (24 random bytes, base64url), logged once at
/// warn level and never stored in clear. Throws on store failure.
first_admin_result ensure_first_admin(user_store& users, const config::admin_settings& admin);

} // namespace bourse::net::api
