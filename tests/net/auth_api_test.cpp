#include "net/api/auth_api.hpp"

#include "net/api/discord_api.hpp"
#include "net/api/first_admin.hpp"
#include "net/ctl/ctl_commands.hpp"
#include "net/http/server.hpp"
#include "net/store/pg_refresh_token_store.hpp"
#include "net/store/pg_user_store.hpp"
#include "persistence/migrations.hpp"
#include "tests/net/fake_oauth_provider.hpp"
#include "tests/net/http_client.hpp"
#include "tests/net/openapi_paths.hpp"
#include "tests/persistence/postgres_environment.hpp"

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <gtest/gtest.h>

#include <sstream>

namespace bourse::net::api {
namespace {

using namespace bourse::net::test;
namespace bhttp = boost::beast::http;

const std::string secret = "0123456789abcdef0123456789abcdef";
const std::string discord_user_id = "80351110224678912";

config::settings base_settings() {
  config::settings s;
  s.node.port = 0;
  s.node.openapi_path.clear();
  return s;
}

/// A fake Discord: POST /token trades "good-code" for "provider-token", GET /user answers the user
/// for that token.
fake_oauth_provider::response fake_discord(const fake_oauth_provider::request& req) {
  auto reply = [](bhttp::status s, std::string body) {
    fake_oauth_provider::response res{s, 11};
    res.set(bhttp::field::content_type, "application/json");
    res.body() = std::move(body);
    return res;
  };
  if (req.method() == bhttp::verb::post && req.target() == "/token") {
    auto form = boost::urls::parse_query(req.body()).value();
    auto value = [&](const char* key) {
      auto it = form.find(key);
      return it == form.end() ? std::string() : std::string((*it).value);
    };
    if (value("code") != "good-code" || value("client_secret") != "discord-secret" ||
        value("grant_type") != "authorization_code" ||
        req[bhttp::field::content_type] != "application/x-www-form-urlencoded")
      return reply(bhttp::status::bad_request, R"({"error":"invalid_grant"})");
    return reply(bhttp::status::ok, R"({"access_token":"provider-token","token_type":"Bearer"})");
  }
  if (req.method() == bhttp::verb::get && req.target() == "/user") {
    if (req[bhttp::field::authorization] != "Bearer provider-token")
      return reply(bhttp::status::unauthorized, R"({"message":"401: Unauthorized"})");
    return reply(bhttp::status::ok, R"({"id":")" + discord_user_id + R"(","username":"nelly"})");
  }
  return reply(bhttp::status::not_found, "{}");
}

class auth_api_test : public ::testing::Test {
protected:
  void SetUp() override {
    link_ = std::make_unique<pg_link>(::bourse::test::postgres_environment::postgres().create_database());
    link_->with([](pg_connection& conn) { return apply_migrations(conn, bundled_migrations_dir()).value(); });
    users_ = std::make_unique<pg_user_store>(*link_);
    tokens_ = std::make_unique<pg_refresh_token_store>(*link_);
    refresh_ = std::make_unique<refresh_token_service>(*tokens_, 3600);

    discord_ = std::make_unique<fake_oauth_provider>(fake_discord);
    auto provider = discord_->base_url();
    settings_ = base_settings();
    settings_.auth.discord = {
        true,          provider + "/authorize", provider + "/token",  provider + "/user",
        "discord-app", "discord-secret",        "http://127.0.0.1/cb"};

    auth_ = std::make_unique<auth_api>(settings_.auth, *users_, *refresh_, codec_, pool_);
    discord_api_ = std::make_unique<discord_api>(settings_.auth.discord, *auth_, *users_, pool_,
                                                 std::chrono::seconds(5));
    http::router routes;
    auth_->add_routes(routes);
    discord_api_->add_routes(routes);
    routes.add(http::verb::get, "/api/v1/test/me", permission::trade,
               http::sync_handler([](http::request_context& ctx) { return http::json_response("{}"); }));
    server_ = std::make_unique<http::server>(settings_, std::move(routes), &codec_);
    server_->start();
  }

  // The pool's finished tasks may still own responders (and so connections): join it first.
  void TearDown() override {
    pool_.join();
    server_.reset();
    discord_.reset();
  }

  response post(const std::string& target, const std::string& body) {
    return fetch(server_->port(), bhttp::verb::post, target, body, {{"Content-Type", "application/json"}});
  }

  static boost::json::object json(const response& res) { return boost::json::parse(res.body()).as_object(); }

  static std::string field(const response& res, std::string_view key) {
    return std::string(json(res).at(key).as_string());
  }

  response register_user(const std::string& name, const std::string& password = "correct horse") {
    return post("/api/v1/auth/local/register",
                R"({"username":")" + name + R"(","password":")" + password + R"("})");
  }

  response me(const std::string& token) {
    return get(server_->port(), "/api/v1/test/me", {{"Authorization", "Bearer " + token}});
  }

  /// Follows the Discord flow up to the callback; returns the callback's response.
  response discord_flow(const std::string& code) {
    auto login = get(server_->port(), "/api/v1/auth/discord/login");
    EXPECT_EQ(login.result(), bhttp::status::found);
    auto location = boost::urls::parse_absolute_uri(login[bhttp::field::location]).value();
    auto params = location.params();
    return get(server_->port(), "/api/v1/auth/discord/callback?code=" + code +
                                    "&state=" + std::string((*params.find("state")).value));
  }

  access_token_codec codec_{secret, "bourse", "bourse-api", 900};
  boost::asio::thread_pool pool_{2};
  config::settings settings_;
  std::unique_ptr<pg_link> link_;
  std::unique_ptr<pg_user_store> users_;
  std::unique_ptr<pg_refresh_token_store> tokens_;
  std::unique_ptr<refresh_token_service> refresh_;
  std::unique_ptr<fake_oauth_provider> discord_;
  std::unique_ptr<auth_api> auth_;
  std::unique_ptr<discord_api> discord_api_;
  std::unique_ptr<http::server> server_;
};

TEST_F(auth_api_test, register_then_login_gives_verified_player_tokens) {
  auto created = register_user("alice");
  ASSERT_EQ(created.result(), bhttp::status::created) << created.body();
  EXPECT_EQ(json(created).at("user").as_object().at("role").as_string(), "player");
  auto login = post("/api/v1/auth/local/login", R"({"username":"alice","password":"correct horse"})");
  ASSERT_EQ(login.result(), bhttp::status::ok);
  auto check = codec_.verify(field(login, "access_token"), http::unix_seconds());
  ASSERT_EQ(check.code, reason_code::none);
  EXPECT_EQ(check.claims.username, "alice");
  EXPECT_EQ(check.claims.user_role, role::player);
  EXPECT_EQ(json(login).at("expires_in").as_int64(), 900);
  EXPECT_EQ(me(field(login, "access_token")).result(), bhttp::status::ok);
  auto stored = users_->find_by_name("alice");
  ASSERT_TRUE(stored);
  EXPECT_TRUE(stored->password_hash.starts_with("$argon2id$"));
}

TEST_F(auth_api_test, duplicate_username_is_taken) {
  ASSERT_EQ(register_user("bob").result(), bhttp::status::created);
  auto again = register_user("bob", "another password");
  EXPECT_EQ(again.result(), bhttp::status::conflict);
  EXPECT_EQ(code_of(again), "USERNAME_TAKEN");
}

TEST_F(auth_api_test, bad_bodies_are_malformed_and_create_nobody) {
  for (const std::string body :
       {R"({"username":"carol","password":)", R"([1,2])", R"({"username":5,"password":"correct horse"})",
        R"({"username":"carol","password":"correct horse","admin":true})", R"({"username":"carol"})",
        R"({"username":"carol","password":"short"})", R"({"username":"a b","password":"correct horse"})"}) {
    auto res = post("/api/v1/auth/local/register", body);
    EXPECT_EQ(res.result(), bhttp::status::bad_request) << body;
    EXPECT_EQ(code_of(res), "MALFORMED_REQUEST") << body;
  }
  EXPECT_FALSE(users_->find_by_name("carol"));
  EXPECT_EQ(code_of(post("/api/v1/auth/local/login", "not json")), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(post("/api/v1/auth/refresh", R"({"refresh_token":7})")), "MALFORMED_REQUEST");
}

TEST_F(auth_api_test, wrong_password_and_unknown_user_are_invalid_credentials) {
  ASSERT_EQ(register_user("dave").result(), bhttp::status::created);
  auto wrong = post("/api/v1/auth/local/login", R"({"username":"dave","password":"wrong horse"})");
  EXPECT_EQ(wrong.result(), bhttp::status::unauthorized);
  EXPECT_EQ(code_of(wrong), "INVALID_CREDENTIALS");
  auto unknown = post("/api/v1/auth/local/login", R"({"username":"nobody","password":"correct horse"})");
  EXPECT_EQ(code_of(unknown), "INVALID_CREDENTIALS");
}

TEST_F(auth_api_test, refresh_rotates_and_reuse_revokes_the_family) {
  auto first = field(register_user("erin"), "refresh_token");
  auto rotated = post("/api/v1/auth/refresh", R"({"refresh_token":")" + first + R"("})");
  ASSERT_EQ(rotated.result(), bhttp::status::ok) << rotated.body();
  auto second = field(rotated, "refresh_token");
  EXPECT_NE(second, first);
  EXPECT_EQ(codec_.verify(field(rotated, "access_token"), http::unix_seconds()).claims.username, "erin");
  auto reuse = post("/api/v1/auth/refresh", R"({"refresh_token":")" + first + R"("})");
  EXPECT_EQ(code_of(reuse), "TOKEN_INVALID");
  EXPECT_EQ(code_of(post("/api/v1/auth/refresh", R"({"refresh_token":")" + second + R"("})")),
            "TOKEN_INVALID");
}

TEST_F(auth_api_test, logout_revokes_the_refresh_token) {
  auto token = field(register_user("frank"), "refresh_token");
  auto other_device =
      field(post("/api/v1/auth/local/login", R"({"username":"frank","password":"correct horse"})"),
            "refresh_token");
  EXPECT_EQ(post("/api/v1/auth/logout", R"({"refresh_token":")" + token + R"("})").result(),
            bhttp::status::no_content);
  EXPECT_EQ(code_of(post("/api/v1/auth/refresh", R"({"refresh_token":")" + token + R"("})")),
            "TOKEN_INVALID");
  EXPECT_EQ(post("/api/v1/auth/refresh", R"({"refresh_token":")" + other_device + R"("})").result(),
            bhttp::status::ok);
}

TEST_F(auth_api_test, expired_forged_and_unsigned_access_tokens_are_refused) {
  auto user = users_->create({0, "grace", role::player, {}, {}}).value();
  auto expired = codec_.issue({user.id, user.username, role::player, 0}, http::unix_seconds() - 1000);
  EXPECT_EQ(code_of(me(expired)), "TOKEN_EXPIRED");
  access_token_codec forger{"ffffffffffffffffffffffffffffffff", "bourse", "bourse-api", 900};
  auto forged = forger.issue({user.id, user.username, role::admin, 0}, http::unix_seconds());
  EXPECT_EQ(code_of(me(forged)), "TOKEN_INVALID");
  auto good = codec_.issue({user.id, user.username, role::player, 0}, http::unix_seconds());
  auto payload = good.substr(good.find('.') + 1, good.rfind('.') - good.find('.') - 1);
  auto unsigned_token = std::string("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.") + payload + ".";
  EXPECT_EQ(code_of(me(unsigned_token)), "TOKEN_INVALID");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/test/me")), "UNAUTHENTICATED");
}

TEST_F(auth_api_test, discord_login_creates_then_finds_the_user) {
  auto login = get(server_->port(), "/api/v1/auth/discord/login");
  ASSERT_EQ(login.result(), bhttp::status::found);
  auto location = std::string(login[bhttp::field::location]);
  EXPECT_TRUE(location.starts_with(settings_.auth.discord.authorize_url + "?")) << location;
  EXPECT_NE(location.find("client_id=discord-app"), std::string::npos);

  auto callback = discord_flow("good-code");
  ASSERT_EQ(callback.result(), bhttp::status::found) << callback.body();
  auto target = std::string(callback[bhttp::field::location]);
  ASSERT_TRUE(target.starts_with("/#/auth/callback?")) << target;
  auto query_text = target.substr(target.find('?') + 1);
  auto query = boost::urls::parse_query(query_text).value();
  auto access = std::string((*query.find("access_token")).value);
  auto check = codec_.verify(access, http::unix_seconds());
  ASSERT_EQ(check.code, reason_code::none);
  EXPECT_EQ(check.claims.username, "nelly");
  EXPECT_EQ(check.claims.user_role, role::player);
  EXPECT_TRUE(query.contains("refresh_token"));

  auto again = discord_flow("good-code");
  ASSERT_EQ(again.result(), bhttp::status::found);
  auto again_target = std::string(again[bhttp::field::location]);
  auto again_text = again_target.substr(again_target.find('?') + 1);
  auto again_query = boost::urls::parse_query(again_text).value();
  auto again_claims =
      codec_.verify(std::string((*again_query.find("access_token")).value), http::unix_seconds());
  EXPECT_EQ(again_claims.claims.user, check.claims.user);
  EXPECT_EQ(users_->find_by_discord_id(discord_user_id)->id, check.claims.user);
}

TEST_F(auth_api_test, discord_state_is_checked_and_single_use) {
  auto forged = get(server_->port(), "/api/v1/auth/discord/callback?code=good-code&state=made-up");
  EXPECT_EQ(forged.result(), bhttp::status::unauthorized);
  EXPECT_EQ(code_of(forged), "TOKEN_INVALID");

  auto login = get(server_->port(), "/api/v1/auth/discord/login");
  auto location = boost::urls::parse_absolute_uri(login[bhttp::field::location]).value();
  auto state = std::string((*location.params().find("state")).value);
  auto target = "/api/v1/auth/discord/callback?code=good-code&state=" + state;
  EXPECT_EQ(get(server_->port(), target).result(), bhttp::status::found);
  EXPECT_EQ(code_of(get(server_->port(), target)), "TOKEN_INVALID");
  EXPECT_EQ(code_of(get(server_->port(), "/api/v1/auth/discord/callback?state=x")), "MALFORMED_REQUEST");
}

TEST_F(auth_api_test, discord_code_refused_by_the_provider) {
  auto callback = discord_flow("bad-code");
  EXPECT_EQ(callback.result(), bhttp::status::unauthorized);
  EXPECT_EQ(code_of(callback), "INVALID_CREDENTIALS");
  EXPECT_FALSE(users_->find_by_discord_id(discord_user_id));
}

TEST_F(auth_api_test, every_route_is_documented_as_served) {
  http::router routes;
  auth_->add_routes(routes);
  discord_api_->add_routes(routes);
  expect_served_routes_documented(routes);
}

TEST_F(auth_api_test, an_admin_changes_roles_which_apply_from_the_next_refresh) {
  auto grace = register_user("grace");
  const auto grace_id = json(grace).at("user").as_object().at("id").as_int64();
  auto admin = users_->create({0, "root", role::admin, {}, {}}).value();
  auto as = [&](const user_record& u, role r) {
    return std::map<std::string, std::string>{
        {"Authorization", "Bearer " + codec_.issue({u.id, u.username, r, 0}, http::unix_seconds())},
        {"Content-Type", "application/json"}};
  };
  auto put_role = [&](account_id id, const std::string& body,
                      const std::map<std::string, std::string>& headers) {
    return fetch(server_->port(), bhttp::verb::put, "/api/v1/admin/users/" + std::to_string(id) + "/role",
                 body, headers);
  };
  const auto by_admin = as(admin, role::admin);
  auto changed = put_role(grace_id, R"({"role":"auctioneer"})", by_admin);
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(field(changed, "role"), "auctioneer");
  EXPECT_EQ(field(changed, "username"), "grace");
  EXPECT_EQ(users_->find_by_id(grace_id)->user_role, role::auctioneer);
  // The old tokens still say player; a refresh issues the new role.
  auto refreshed =
      post("/api/v1/auth/refresh", R"({"refresh_token":")" + field(grace, "refresh_token") + R"("})");
  ASSERT_EQ(refreshed.result(), bhttp::status::ok);
  EXPECT_EQ(codec_.verify(field(refreshed, "access_token"), http::unix_seconds()).claims.user_role,
            role::auctioneer);

  EXPECT_EQ(code_of(put_role(grace_id, R"({"role":"emperor"})", by_admin)), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(put_role(grace_id, R"({"rank":"admin"})", by_admin)), "MALFORMED_REQUEST");
  EXPECT_EQ(code_of(put_role(999'999, R"({"role":"player"})", by_admin)), "NOT_FOUND");
  EXPECT_EQ(code_of(put_role(admin.id, R"({"role":"player"})", by_admin)), "FORBIDDEN"); // not oneself
  EXPECT_EQ(users_->find_by_id(admin.id)->user_role, role::admin);
  auto grace_user = *users_->find_by_id(grace_id);
  EXPECT_EQ(code_of(put_role(admin.id, R"({"role":"viewer"})", as(grace_user, role::auctioneer))),
            "FORBIDDEN");
  EXPECT_EQ(code_of(fetch(server_->port(), bhttp::verb::put, "/api/v1/admin/users/x/role",
                          R"({"role":"player"})", by_admin)),
            "MALFORMED_REQUEST");
}

TEST_F(auth_api_test, bourse_ctl_logs_in_with_a_password_and_changes_a_role) {
  const auto grace_id = json(register_user("grace")).at("user").as_object().at("id").as_int64();
  ensure_first_admin(*users_, {"root", "root password"});
  const std::string node = "http://127.0.0.1:" + std::to_string(server_->port());
  auto run = [&](const std::string& password, std::ostream& out, std::ostream& err) {
    const std::string id = std::to_string(grace_id);
    const char* argv[] = {"bourse-ctl", "--node",         node.c_str(), "--username", "root",
                          "--password", password.c_str(), "role",       id.c_str(),   "viewer"};
    return net::ctl::run_ctl(static_cast<int>(std::size(argv)), argv, out, err);
  };
  std::ostringstream out, err;
  EXPECT_EQ(run("wrong password", out, err), 1);
  EXPECT_NE(err.str().find("INVALID_CREDENTIALS"), std::string::npos) << err.str();
  EXPECT_EQ(users_->find_by_id(grace_id)->user_role, role::player);
  ASSERT_EQ(run("root password", out, err), 0) << err.str();
  EXPECT_EQ(users_->find_by_id(grace_id)->user_role, role::viewer);
  EXPECT_NE(out.str().find(R"("role":"viewer")"), std::string::npos) << out.str();
}

TEST_F(auth_api_test, first_admin_password_is_generated_once_and_stored_hashed) {
  auto first = ensure_first_admin(*users_, {"root", ""});
  ASSERT_TRUE(first.created);
  ASSERT_FALSE(first.generated_password.empty());
  auto stored = users_->find_by_name("root");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->user_role, role::admin);
  EXPECT_EQ(stored->password_hash.find(first.generated_password), std::string::npos);
  auto login = post("/api/v1/auth/local/login",
                    R"({"username":"root","password":")" + first.generated_password + R"("})");
  ASSERT_EQ(login.result(), bhttp::status::ok);
  EXPECT_EQ(codec_.verify(field(login, "access_token"), http::unix_seconds()).claims.user_role, role::admin);
  auto second = ensure_first_admin(*users_, {"root", ""});
  EXPECT_FALSE(second.created);
  EXPECT_TRUE(second.generated_password.empty());
}

TEST_F(auth_api_test, configured_admin_password_is_used) {
  ASSERT_TRUE(ensure_first_admin(*users_, {"boss", "configured secret"}).created);
  auto login = post("/api/v1/auth/local/login", R"({"username":"boss","password":"configured secret"})");
  EXPECT_EQ(login.result(), bhttp::status::ok);
}

} // namespace
} // namespace bourse::net::api
