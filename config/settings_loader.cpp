#include "config/settings_loader.hpp"

#include "config/candle_retention_rules.hpp"
#include "config/json_log.hpp"
#include "config/settings_fields.hpp"

#include <CLI/CLI.hpp>
#include <toml++/toml.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace bourse::config {

namespace {

[[noreturn]] void fail(std::string_view source, std::string_view key, std::string_view problem) {
  throw config_error(std::string(source) + ": " + std::string(key) + ": " + std::string(problem));
}

std::string where(const toml::node& node, std::string_view source) {
  return std::string(source) + ":" + std::to_string(node.source().begin.line);
}

// --- values from TOML nodes ---

void from_toml(const toml::node& node, std::string& out, std::string_view src, std::string_view key) {
  auto value = node.value<std::string>();
  if (!node.is_string() || !value)
    fail(where(node, src), key, "expected a string");
  out = *value;
}

void from_toml(const toml::node& node, bool& out, std::string_view src, std::string_view key) {
  if (!node.is_boolean())
    fail(where(node, src), key, "expected true or false");
  out = *node.value<bool>();
}

void from_toml(const toml::node& node, std::int64_t& out, std::string_view src, std::string_view key) {
  if (!node.is_integer())
    fail(where(node, src), key, "expected an integer");
  out = *node.value<std::int64_t>();
}

void from_toml(const toml::node& node, std::uint16_t& out, std::string_view src, std::string_view key) {
  if (!node.is_integer())
    fail(where(node, src), key, "expected an integer");
  auto value = *node.value<std::int64_t>();
  if (value < 0 || value > std::numeric_limits<std::uint16_t>::max())
    fail(where(node, src), key, "expected 0..65535");
  out = static_cast<std::uint16_t>(value);
}

void from_toml(const toml::node& node, std::vector<std::string>& out, std::string_view src,
               std::string_view key) {
  const auto* array = node.as_array();
  if (array == nullptr)
    fail(where(node, src), key, "expected an array of strings");
  std::vector<std::string> result;
  for (const auto& element : *array) {
    if (!element.is_string())
      fail(where(element, src), key, "expected an array of strings");
    result.push_back(*element.value<std::string>());
  }
  out = std::move(result);
}

// --- values from text (environment variables and flags) ---

void from_text(std::string_view text, std::string& out, std::string_view, std::string_view) {
  out = std::string(text);
}

void from_text(std::string_view text, bool& out, std::string_view src, std::string_view key) {
  if (text == "true" || text == "1" || text == "yes" || text == "on")
    out = true;
  else if (text == "false" || text == "0" || text == "no" || text == "off")
    out = false;
  else
    fail(src, key, "expected true or false, got '" + std::string(text) + "'");
}

void from_text(std::string_view text, std::int64_t& out, std::string_view src, std::string_view key) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    fail(src, key, "expected an integer, got '" + std::string(text) + "'");
  out = value;
}

void from_text(std::string_view text, std::uint16_t& out, std::string_view src, std::string_view key) {
  std::int64_t value = 0;
  from_text(text, value, src, key);
  if (value < 0 || value > std::numeric_limits<std::uint16_t>::max())
    fail(src, key, "expected 0..65535, got '" + std::string(text) + "'");
  out = static_cast<std::uint16_t>(value);
}

void from_text(std::string_view text, std::vector<std::string>& out, std::string_view, std::string_view) {
  std::vector<std::string> result;
  std::string item;
  std::istringstream in{std::string(text)};
  while (std::getline(in, item, ','))
    if (!item.empty())
      result.push_back(item);
  out = std::move(result);
}

std::set<std::string> known_keys() {
  settings scratch;
  std::set<std::string> keys;
  visit_fields(scratch, [&](std::string_view key, auto&) { keys.emplace(key); });
  return keys;
}

void reject_unknown(const toml::table& table, const std::string& prefix, const std::set<std::string>& known,
                    std::string_view source) {
  for (const auto& [name, node] : table) {
    auto key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (const auto* sub = node.as_table())
      reject_unknown(*sub, key, known, source);
    else if (!known.contains(key))
      fail(where(node, source), key, "unknown key");
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw config_error(path + ": cannot open configuration file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

env_lookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (const char* value = std::getenv(name.c_str()))
      return std::string(value);
    return std::nullopt;
  };
}

std::string env_name(std::string_view dotted_key) {
  std::string name = "BOURSE_";
  for (char c : dotted_key)
    name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

void apply_toml(settings& s, std::string_view toml_text, std::string_view source) {
  toml::table table;
  try {
    table = toml::parse(toml_text, source);
  } catch (const toml::parse_error& err) {
    throw config_error(std::string(source) + ":" + std::to_string(err.source().begin.line) + ": " +
                       std::string(err.description()));
  }
  reject_unknown(table, "", known_keys(), source);
  visit_fields(s, [&](std::string_view key, auto& field) {
    auto view = table.at_path(key);
    if (view)
      from_toml(*view.node(), field, source, key);
  });
}

void apply_env(settings& s, const env_lookup& env) {
  visit_fields(s, [&](std::string_view key, auto& field) {
    auto name = env_name(key);
    if (auto value = env(name))
      from_text(*value, field, name, key);
  });
}

void validate(const settings& s) {
  if (s.node.tls_cert_path.empty() != s.node.tls_key_path.empty())
    fail("settings", "node.tls_cert_path", "TLS needs both tls_cert_path and tls_key_path");
  if (!is_log_level(s.node.log_level))
    fail("settings", "node.log_level", "expected trace, debug, info, warn, error, critical or off");
  if (s.node.io_threads < 1 || s.node.io_threads > 256)
    fail("settings", "node.io_threads", "expected 1..256");
  if (s.node.actor_threads < 0 || s.node.actor_threads > 256)
    fail("settings", "node.actor_threads", "expected 0..256");
  if (!s.auth.jwt_secret.empty() && s.auth.jwt_secret.size() < 32)
    fail("settings", "auth.jwt_secret", "must be at least 32 bytes");
  if (s.auth.access_token_ttl_s <= 0 || s.auth.refresh_token_ttl_s <= s.auth.access_token_ttl_s)
    fail("settings", "auth.refresh_token_ttl_s", "token lifetimes must satisfy 0 < access < refresh");
  if (s.auth.discord.enabled && (s.auth.discord.client_id.empty() || s.auth.discord.redirect_uri.empty()))
    fail("settings", "auth.discord.client_id", "Discord login needs client_id and redirect_uri");
  settings copy = s;
  visit_fields(copy, [&](std::string_view key, auto& field) {
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, std::int64_t>)
      if (key.starts_with("limits.") && field <= 0)
        fail("settings", key, "limits must be positive");
  });
  if (s.game.starting_cash_cents < 0)
    fail("settings", "game.starting_cash_cents", "must not be negative");
  if (s.game.bot_funding_floor_cents < 0 ||
      (s.game.bot_funding_floor_cents > 0 &&
       s.game.bot_funding_target_cents < s.game.bot_funding_floor_cents))
    fail("settings", "game.bot_funding_target_cents", "funding needs 0 <= floor <= target");
  if (s.game.bot_funding_interval_s < 1)
    fail("settings", "game.bot_funding_interval_s", "must be positive");
  if (s.game.equity_sample_interval_s < 0 || s.game.equity_sample_interval_s > 86'400)
    fail("settings", "game.equity_sample_interval_s", "expected 0..86400");
  if (s.game.equity_retention_days < 1)
    fail("settings", "game.equity_retention_days", "must be positive");
  if (s.database.commit_delay_us < 0 || s.database.commit_delay_us > 1'000'000)
    fail("settings", "database.commit_delay_us", "expected 0..1000000");
  if (s.database.commit_batch_rows < 1)
    fail("settings", "database.commit_batch_rows", "must be positive");
  if (s.database.book_snapshot_every < 1)
    fail("settings", "database.book_snapshot_every", "must be positive");
  if (s.database.account_checkpoint_every < 1)
    fail("settings", "database.account_checkpoint_every", "must be positive");
  if (s.database.orders_projection_ms < 0 || s.database.orders_projection_ms > 60'000)
    fail("settings", "database.orders_projection_ms", "expected 0..60000");
  candle_retention_days(s.database.candle_retention);
}

settings load_settings(int argc, const char* const* argv, const env_lookup& env) {
  CLI::App app{"bourse-node"};
  std::string config_path = env("BOURSE_CONFIG").value_or("");
  app.add_option("--config", config_path, "TOML configuration file");
  std::map<std::string, std::string> flags;
  settings s;
  visit_fields(s, [&](std::string_view key, auto&) {
    std::string name(key);
    app.add_option("--" + name, flags[name], "overrides " + name + " / " + env_name(key));
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    throw help_requested(app.help());
  } catch (const CLI::ParseError& err) {
    throw config_error(std::string("command line: ") + err.what());
  }
  if (!config_path.empty())
    apply_toml(s, read_file(config_path), config_path);
  apply_env(s, env);
  visit_fields(s, [&](std::string_view key, auto& field) {
    std::string name(key);
    if (app.get_option("--" + name)->count() > 0)
      from_text(flags[name], field, "--" + name, key);
  });
  validate(s);
  return s;
}

} // namespace bourse::config
