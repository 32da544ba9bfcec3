#pragma once

#include "config/settings.hpp"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bourse::config {

/// A configuration that cannot start a node: unreadable file, unknown key, wrong type or bad value.
/// what() names the source (file:line, variable or flag) and the key.
class config_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// --help was given; what() is the usage text to print before exiting with status 0.
class help_requested : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Looks up an environment variable; nullopt when unset.
using env_lookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment (std::getenv).
env_lookup process_env();

/// Applies a TOML document over s; source names it in errors. Throws config_error.
void apply_toml(settings& s, std::string_view toml_text, std::string_view source);

/// Applies BOURSE_<SECTION>_<KEY> variables (e.g. BOURSE_NODE_PORT, BOURSE_AUTH_DISCORD_CLIENT_ID);
/// lists are comma-separated. Throws config_error.
void apply_env(settings& s, const env_lookup& env);

/// Checks cross-field rules (ranges, TLS pair, secret length). Throws config_error.
void validate(const settings& s);

/// Defaults, then the file from --config or BOURSE_CONFIG (if any), then BOURSE_* variables, then
/// flags such as --node.port 9000, then validate(). Throws config_error or help_requested.
settings load_settings(int argc, const char* const* argv, const env_lookup& env);

/// The environment variable name for a dotted key: "auth.discord.client_id" ->
/// "BOURSE_AUTH_DISCORD_CLIENT_ID".
std::string env_name(std::string_view dotted_key);

} // namespace bourse::config
