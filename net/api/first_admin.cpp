#include "net/api/first_admin.hpp"

#include "net/auth/crypto.hpp"
#include "net/auth/password_hash.hpp"

#include <spdlog/spdlog.h>

namespace bourse::net::api {

first_admin_result ensure_first_admin(user_store& users, const config::admin_settings& admin) {
  first_admin_result result;
  if (users.find_by_name(admin.username))
    return result;
  auto password = admin.password.empty() ? random_token(24) : admin.password;
  if (!users.create({0, admin.username, role::admin, hash_password(password), {}}))
    return result;
  result.created = true;
  if (admin.password.empty()) {
    result.generated_password = password;
    spdlog::warn("created admin user '{}' with generated password: {} (shown once)", admin.username,
                 password);
  }
  return result;
}

} // namespace bourse::net::api
