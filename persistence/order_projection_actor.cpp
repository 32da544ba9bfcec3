#include "persistence/order_projection_actor.hpp"

#include <memory>
#include <optional>

#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/spawn_options.hpp>
#include <spdlog/spdlog.h>

#include "persistence/order_projector.hpp"
#include "persistence/position_projector.hpp"

namespace bourse {
namespace {

/// The connection and the projectors on it; all are dropped when the connection is lost.
struct projection_link {
  std::optional<pg_connection> conn;
  std::unique_ptr<order_projector> projector;
  std::unique_ptr<position_projector> positions; ///< null without instruments
  std::chrono::steady_clock::time_point next_prune{};
};

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void project_orders(order_projector& projector) {
  const auto start = std::chrono::steady_clock::now();
  const auto stats = projector.run();
  if (!stats) {
    spdlog::warn("orders projection failed ({}, sqlstate {}): {}", to_string(stats.error().code),
                 stats.error().sqlstate, stats.error().message);
    return;
  }
  if (stats->duplicates > 0 || stats->orphans > 0)
    spdlog::warn(
        "orders projection: {} new orders skipped (client_order_id taken), {} events of unknown orders",
        stats->duplicates, stats->orphans);
  if (stats->books > 0)
    spdlog::debug("orders projection: {} books, {} commands, {} events, {} entries -> {} new, {} changed "
                  "orders in {:.1f} ms",
                  stats->books, stats->commands, stats->events, stats->entries, stats->inserted,
                  stats->updated, ms_since(start));
}

void project_positions(position_projector& projector) {
  const auto start = std::chrono::steady_clock::now();
  const auto stats = projector.run();
  if (!stats) {
    spdlog::warn("positions projection failed ({}, sqlstate {}): {}", to_string(stats.error().code),
                 stats.error().sqlstate, stats.error().message);
    return;
  }
  if (stats->accounts > 0)
    spdlog::debug("positions projection: {} accounts ({} restored), {} entries, {} events -> {} rows in "
                  "{:.1f} ms",
                  stats->accounts, stats->rebuilt, stats->entries, stats->events, stats->rows,
                  ms_since(start));
}

void prune(projection_link& link, const order_projection_config& cfg) {
  const auto start = std::chrono::steady_clock::now();
  if (cfg.candles.max_age_days.empty() || start < link.next_prune)
    return;
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const auto stats = prune_candles(*link.conn, cfg.candles, now);
  if (!stats) {
    spdlog::warn("candle retention failed ({}, sqlstate {}): {}", to_string(stats.error().code),
                 stats.error().sqlstate, stats.error().message);
    link.next_prune = start + cfg.candle_prune_interval;
    return;
  }
  link.next_prune = stats->more ? start : start + cfg.candle_prune_interval;
  if (stats->deleted > 0)
    spdlog::debug("candle retention: {} candles deleted{} in {:.1f} ms", stats->deleted,
                  stats->more ? " (more left)" : "", ms_since(start));
}

void run_once(projection_link& link, const order_projection_config& cfg) {
  if (!link.conn || !link.conn->connected()) {
    link.projector.reset();
    link.positions.reset();
    auto opened = pg_connection::open(cfg.conninfo);
    if (!opened) {
      spdlog::warn("read-model projection: cannot connect ({}): {}", to_string(opened.error().code),
                   opened.error().message);
      link.conn.reset();
      return;
    }
    link.conn.emplace(std::move(*opened));
    link.projector = std::make_unique<order_projector>(*link.conn, cfg.max_commands_per_book);
    if (cfg.instruments)
      link.positions = std::make_unique<position_projector>(*link.conn, cfg.instruments, cfg.limits);
  }
  project_orders(*link.projector);
  if (link.positions)
    project_positions(*link.positions);
  prune(link, cfg);
}

caf::behavior order_projection(caf::event_based_actor* self, order_projection_config cfg) {
  auto link = std::make_shared<projection_link>();
  self->send(self, caf::tick_atom::value);
  return {[self, cfg, link](caf::tick_atom) {
    run_once(*link, cfg);
    self->delayed_send(self, cfg.interval, caf::tick_atom::value);
  }};
}

} // namespace

caf::actor spawn_order_projection(caf::actor_system& sys, order_projection_config cfg) {
  return sys.spawn<caf::detached>(order_projection, std::move(cfg));
}

} // namespace bourse
