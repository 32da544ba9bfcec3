#pragma once

#include "actors/common/types.hpp"

#include <cstdint>
#include <string>
#include <vector>

/// Everything a node reads at start-up. Defaults are the embedded single-machine setup; see
/// docs/configuration.md and config/bourse.example.toml for every key.
namespace bourse::config {

/// Where the node listens and what it serves besides the API.
struct node_settings {
  std::string listen_address = "127.0.0.1";
  std::uint16_t port = 8080;
  /// PEM certificate chain; TLS is on when this and tls_key_path are both set.
  std::string tls_cert_path;
  /// PEM private key for tls_cert_path.
  std::string tls_key_path;
  /// Directory served as static files at / (the web client); empty serves none.
  std::string static_dir;
  /// The OpenAPI document served at /api/v1/openapi.json.
  std::string openapi_path = "docs/openapi.json";
  /// Threads running the network io_context.
  std::int64_t io_threads = 2;
  /// CAF scheduler threads running the actors; 0 = one per CPU core (CAF's own default is at least 4,
  /// which on a 2-core machine makes the workers wake and preempt each other).
  std::int64_t actor_threads = 0;
  /// spdlog level name: trace, debug, info, warn, error, critical, off.
  std::string log_level = "info";
  /// Where the node keeps local state (the embedded PostgreSQL cluster under data_dir/pg).
  std::string data_dir = ".bourse";
  /// CAF middleman port on listen_address where bots and other nodes reach this node's actors; 0 = off.
  std::uint16_t actor_port = 4242;
};

/// The PostgreSQL connection (libpq URL; empty means the embedded private cluster) and the group
/// commit of the node's journal.
struct database_settings {
  std::string url;
  /// A journal batch closes this long (microseconds) after its oldest request arrived, or when full.
  std::int64_t commit_delay_us = 1000;
  /// A journal batch closes at this many rows.
  std::int64_t commit_batch_rows = 4096;
  /// Each book writes a snapshot every this many journaled commands (recovery replays the rest).
  std::int64_t book_snapshot_every = 50'000;
  /// Each account writes a checkpoint every this many journal entries and when it passivates.
  std::int64_t account_checkpoint_every = 1'000;
  /// Milliseconds between two runs of the orders and positions read models' projection; 0 = off
  /// (candle retention runs in the same actor).
  std::int64_t orders_projection_ms = 500;
  /// Days the `candles` table keeps each interval, "INTERVAL=DAYSd" (config/candle_retention_rules.hpp);
  /// intervals not listed are kept forever, and the newest 1000 per symbol and interval always.
  std::vector<std::string> candle_retention = {"1s=2d", "1m=30d"};
};

/// The first administrator; an empty password is generated at first start.
struct admin_settings {
  std::string username = "admin";
  std::string password;
};

/// Discord OAuth2 authorization-code flow; endpoints are configurable so tests use a fake provider.
struct discord_settings {
  bool enabled = false;
  std::string authorize_url = "https://discord.com/oauth2/authorize";
  std::string token_url = "https://discord.com/api/oauth2/token";
  std::string user_url = "https://discord.com/api/users/@me";
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;
};

/// Tokens and login methods.
struct auth_settings {
  /// HS256 key for access tokens, at least 32 bytes; empty means generated at start (tokens then die
  /// with the process).
  std::string jwt_secret;
  std::string issuer = "bourse";
  std::string audience = "bourse-api";
  std::int64_t access_token_ttl_s = 900;
  std::int64_t refresh_token_ttl_s = 30 * 24 * 3600;
  /// Username + password login and registration.
  bool local_login = true;
  /// Shared secret bot processes present when they join as remote actors; empty disables bot logins.
  std::string bot_secret;
  discord_settings discord;
};

/// Bounds on every server path. Token buckets hold one second of their rate as burst.
struct limits_settings {
  std::int64_t header_limit_bytes = 8 * 1024;
  std::int64_t body_limit_bytes = 64 * 1024;
  std::int64_t ws_frame_limit_bytes = 64 * 1024;
  std::int64_t read_timeout_ms = 10'000;
  std::int64_t idle_timeout_ms = 60'000;
  std::int64_t max_connections_per_ip = 64;
  std::int64_t requests_per_s_per_ip = 100;
  std::int64_t requests_per_s_per_user = 50;
  std::int64_t orders_per_s_per_user = 20;
  std::int64_t ws_messages_per_s = 50;
  /// Outbound WebSocket queue per session, in messages and in bytes; past either the session closes.
  std::int64_t outbound_queue_messages = 1024;
  std::int64_t outbound_queue_bytes = 4 * 1024 * 1024;
  /// Origins accepted on WebSocket upgrades and CORS requests.
  std::vector<std::string> allowed_origins = {"http://127.0.0.1:8080", "http://localhost:8080"};
};

/// Game rules that are not per-instrument.
struct game_settings {
  /// Deposited into every new player account, in cents.
  cents starting_cash_cents = 10'000'000;
  /// The instruments listed and the price history they follow (relative paths: from the working
  /// directory, which also holds node_modules/).
  std::string market_file = "config/market.toml";
  /// A logged-in bot whose equity (cash plus positions at cost) falls below this gets a deposit back
  /// up to bot_funding_target_cents, checked at most every bot_funding_interval_s; 0 = never.
  cents bot_funding_floor_cents = 2'500'000;
  cents bot_funding_target_cents = 10'000'000;
  std::int64_t bot_funding_interval_s = 60;
  /// Seconds between two samplings of every account's equity for its equity curve
  /// (GET /api/v1/account/equity); 0 = not sampled.
  std::int64_t equity_sample_interval_s = 60;
  /// Days the equity samples are kept.
  std::int64_t equity_retention_days = 30;
};

/// The whole configuration of one node.
struct settings {
  node_settings node;
  database_settings database;
  admin_settings admin;
  auth_settings auth;
  limits_settings limits;
  game_settings game;
};

} // namespace bourse::config
