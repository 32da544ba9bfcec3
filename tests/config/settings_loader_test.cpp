#include "config/settings_loader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

namespace bourse::config {
namespace {

env_lookup env_from(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end())
      return std::nullopt;
    return it->second;
  };
}

settings load(std::vector<std::string> args, std::map<std::string, std::string> vars = {}) {
  args.insert(args.begin(), "bourse-node");
  std::vector<const char*> argv;
  for (const auto& arg : args)
    argv.push_back(arg.c_str());
  return load_settings(static_cast<int>(argv.size()), argv.data(), env_from(std::move(vars)));
}

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(settings_loader, defaults_are_the_embedded_setup) {
  auto s = load({});
  EXPECT_EQ(s.node.listen_address, "127.0.0.1");
  EXPECT_EQ(s.node.port, 8080);
  EXPECT_EQ(s.limits.ws_frame_limit_bytes, 64 * 1024);
  EXPECT_EQ(s.game.starting_cash_cents, 10'000'000);
  EXPECT_TRUE(s.auth.local_login);
  EXPECT_FALSE(s.auth.discord.enabled);
}

TEST(settings_loader, toml_sets_nested_fields) {
  settings s;
  apply_toml(s, R"(
[node]
port = 9001
[auth.discord]
token_url = "http://127.0.0.1:1/token"
[limits]
allowed_origins = ["https://a.example"]
orders_per_s_per_user = 3
)",
             "test.toml");
  EXPECT_EQ(s.node.port, 9001);
  EXPECT_EQ(s.auth.discord.token_url, "http://127.0.0.1:1/token");
  EXPECT_EQ(s.limits.allowed_origins, std::vector<std::string>{"https://a.example"});
  EXPECT_EQ(s.limits.orders_per_s_per_user, 3);
}

TEST(settings_loader, precedence_is_file_then_env_then_flags) {
  auto path = write_temp("precedence.toml", "[node]\nport = 9001\nlisten_address = \"0.0.0.0\"\n"
                                            "[database]\nurl = \"postgresql:///file\"\n");
  auto s = load({"--config", path, "--node.port", "9003"},
                {{"BOURSE_NODE_PORT", "9002"}, {"BOURSE_DATABASE_URL", "postgresql:///env"}});
  EXPECT_EQ(s.node.port, 9003);
  EXPECT_EQ(s.database.url, "postgresql:///env");
  EXPECT_EQ(s.node.listen_address, "0.0.0.0");
}

TEST(settings_loader, config_path_from_environment) {
  auto path = write_temp("env_path.toml", "[game]\nstarting_cash_cents = 500\n");
  auto s = load({}, {{"BOURSE_CONFIG", path}});
  EXPECT_EQ(s.game.starting_cash_cents, 500);
}

TEST(settings_loader, env_parses_bools_and_lists) {
  auto s = load({}, {{"BOURSE_AUTH_LOCAL_LOGIN", "false"},
                     {"BOURSE_LIMITS_ALLOWED_ORIGINS", "https://a.example,https://b.example"}});
  EXPECT_FALSE(s.auth.local_login);
  EXPECT_EQ(s.limits.allowed_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
}

TEST(settings_loader, env_name_is_derived_from_the_key) {
  EXPECT_EQ(env_name("auth.discord.client_id"), "BOURSE_AUTH_DISCORD_CLIENT_ID");
}

TEST(settings_loader, rejects_bad_input) {
  settings s;
  EXPECT_THROW(apply_toml(s, "[node\nport = 1", "bad.toml"), config_error);
  EXPECT_THROW(apply_toml(s, "[node]\nprot = 1", "typo.toml"), config_error);
  EXPECT_THROW(apply_toml(s, "[node]\nport = \"x\"", "type.toml"), config_error);
  EXPECT_THROW(apply_toml(s, "[node]\nport = 70000", "range.toml"), config_error);
  EXPECT_THROW(apply_toml(s, "[limits]\nallowed_origins = [1]", "list.toml"), config_error);
  EXPECT_THROW(load({}, {{"BOURSE_NODE_PORT", "80x"}}), config_error);
  EXPECT_THROW(load({}, {{"BOURSE_AUTH_LOCAL_LOGIN", "maybe"}}), config_error);
  EXPECT_THROW(load({"--no-such-flag"}), config_error);
  EXPECT_THROW(load({"--config", "/nonexistent/bourse.toml"}), config_error);
}

TEST(settings_loader, error_names_file_line_and_key) {
  settings s;
  try {
    apply_toml(s, "[node]\n\nport = true\n", "where.toml");
    FAIL() << "no error";
  } catch (const config_error& err) {
    EXPECT_NE(std::string(err.what()).find("where.toml:3"), std::string::npos);
    EXPECT_NE(std::string(err.what()).find("node.port"), std::string::npos);
  }
}

TEST(settings_loader, validate_rejects_inconsistent_settings) {
  EXPECT_THROW(load({"--node.tls_cert_path", "cert.pem"}), config_error);
  EXPECT_THROW(load({"--auth.jwt_secret", "short"}), config_error);
  EXPECT_THROW(load({"--limits.body_limit_bytes", "0"}), config_error);
  EXPECT_THROW(load({"--auth.access_token_ttl_s", "100", "--auth.refresh_token_ttl_s", "50"}), config_error);
  EXPECT_THROW(load({"--node.log_level", "loud"}), config_error);
  EXPECT_THROW(load({"--auth.discord.enabled", "true"}), config_error);
  EXPECT_THROW(load({"--database.commit_delay_us", "-1"}), config_error);
  EXPECT_THROW(load({"--database.commit_batch_rows", "0"}), config_error);
  EXPECT_THROW(load({"--database.book_snapshot_every", "0"}), config_error);
  EXPECT_THROW(load({"--database.account_checkpoint_every", "-5"}), config_error);
  EXPECT_THROW(load({"--database.orders_projection_ms", "-1"}), config_error);
  EXPECT_THROW(load({"--database.orders_projection_ms", "60001"}), config_error);
}

TEST(settings_loader, snapshot_and_checkpoint_intervals_reach_the_settings) {
  const auto s = load({"--database.book_snapshot_every", "20", "--database.account_checkpoint_every", "7"});
  EXPECT_EQ(s.database.book_snapshot_every, 20);
  EXPECT_EQ(s.database.account_checkpoint_every, 7);
}

TEST(settings_loader, the_orders_projection_interval_reaches_the_settings_and_zero_turns_it_off) {
  EXPECT_EQ(load({}).database.orders_projection_ms, 500);
  EXPECT_EQ(load({"--database.orders_projection_ms", "0"}).database.orders_projection_ms, 0);
  EXPECT_EQ(load({"--database.orders_projection_ms", "250"}).database.orders_projection_ms, 250);
}

TEST(settings_loader, help_is_reported) {
  EXPECT_THROW(load({"--help"}), help_requested);
}

TEST(settings_loader, example_file_loads) {
  auto s = load({"--config", BOURSE_SOURCE_DIR "/config/bourse.example.toml"});
  EXPECT_EQ(s.node.port, 8080);
}

} // namespace
} // namespace bourse::config
