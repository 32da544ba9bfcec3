#pragma once

#include "config/settings.hpp"

/// The one list of configuration keys. The TOML key, the BOURSE_* environment variable and the CLI
/// flag of each field are all derived from the dotted name given here.
namespace bourse::config {

/// Calls visit(dotted_key, field&) for every field of s, in documentation order.
template <class Visitor>
void visit_fields(settings& s, Visitor&& visit) {
  visit("node.listen_address", s.node.listen_address);
  visit("node.port", s.node.port);
  visit("node.tls_cert_path", s.node.tls_cert_path);
  visit("node.tls_key_path", s.node.tls_key_path);
  visit("node.static_dir", s.node.static_dir);
  visit("node.openapi_path", s.node.openapi_path);
  visit("node.io_threads", s.node.io_threads);
  visit("node.actor_threads", s.node.actor_threads);
  visit("node.log_level", s.node.log_level);
  visit("node.data_dir", s.node.data_dir);
  visit("node.actor_port", s.node.actor_port);
  visit("database.url", s.database.url);
  visit("database.commit_delay_us", s.database.commit_delay_us);
  visit("database.commit_batch_rows", s.database.commit_batch_rows);
  visit("database.book_snapshot_every", s.database.book_snapshot_every);
  visit("database.account_checkpoint_every", s.database.account_checkpoint_every);
  visit("database.orders_projection_ms", s.database.orders_projection_ms);
  visit("database.candle_retention", s.database.candle_retention);
  visit("admin.username", s.admin.username);
  visit("admin.password", s.admin.password);
  visit("auth.jwt_secret", s.auth.jwt_secret);
  visit("auth.issuer", s.auth.issuer);
  visit("auth.audience", s.auth.audience);
  visit("auth.access_token_ttl_s", s.auth.access_token_ttl_s);
  visit("auth.refresh_token_ttl_s", s.auth.refresh_token_ttl_s);
  visit("auth.local_login", s.auth.local_login);
  visit("auth.bot_secret", s.auth.bot_secret);
  visit("auth.discord.enabled", s.auth.discord.enabled);
  visit("auth.discord.authorize_url", s.auth.discord.authorize_url);
  visit("auth.discord.token_url", s.auth.discord.token_url);
  visit("auth.discord.user_url", s.auth.discord.user_url);
  visit("auth.discord.client_id", s.auth.discord.client_id);
  visit("auth.discord.client_secret", s.auth.discord.client_secret);
  visit("auth.discord.redirect_uri", s.auth.discord.redirect_uri);
  visit("limits.header_limit_bytes", s.limits.header_limit_bytes);
  visit("limits.body_limit_bytes", s.limits.body_limit_bytes);
  visit("limits.ws_frame_limit_bytes", s.limits.ws_frame_limit_bytes);
  visit("limits.read_timeout_ms", s.limits.read_timeout_ms);
  visit("limits.idle_timeout_ms", s.limits.idle_timeout_ms);
  visit("limits.max_connections_per_ip", s.limits.max_connections_per_ip);
  visit("limits.requests_per_s_per_ip", s.limits.requests_per_s_per_ip);
  visit("limits.requests_per_s_per_user", s.limits.requests_per_s_per_user);
  visit("limits.orders_per_s_per_user", s.limits.orders_per_s_per_user);
  visit("limits.ws_messages_per_s", s.limits.ws_messages_per_s);
  visit("limits.outbound_queue_messages", s.limits.outbound_queue_messages);
  visit("limits.outbound_queue_bytes", s.limits.outbound_queue_bytes);
  visit("limits.allowed_origins", s.limits.allowed_origins);
  visit("game.starting_cash_cents", s.game.starting_cash_cents);
  visit("game.market_file", s.game.market_file);
  visit("game.bot_funding_floor_cents", s.game.bot_funding_floor_cents);
  visit("game.bot_funding_target_cents", s.game.bot_funding_target_cents);
  visit("game.bot_funding_interval_s", s.game.bot_funding_interval_s);
  visit("game.equity_sample_interval_s", s.game.equity_sample_interval_s);
  visit("game.equity_retention_days", s.game.equity_retention_days);
}

} // namespace bourse::config
