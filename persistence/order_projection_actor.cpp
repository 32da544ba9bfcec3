#include "persistence/order_projection_actor.hpp"

#include <memory>
#include <optional>

#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/spawn_options.hpp>
#include <spdlog/spdlog.h>

#include "persistence/order_projector.hpp"

namespace bourse {
namespace {

/// The connection and the projector on it; both are dropped when the connection is lost.
struct projection_link {
  std::optional<pg_connection> conn;
  std::unique_ptr<order_projector> projector;
};

void run_once(projection_link& link, const order_projection_config& cfg) {
  if (!link.conn || !link.conn->connected()) {
    link.projector.reset();
    auto opened = pg_connection::open(cfg.conninfo);
    if (!opened) {
      spdlog::warn("orders projection: cannot connect ({}): {}", to_string(opened.error().code),
                   opened.error().message);
      link.conn.reset();
      return;
    }
    link.conn.emplace(std::move(*opened));
    link.projector = std::make_unique<order_projector>(*link.conn, cfg.max_commands_per_book);
  }
  const auto start = std::chrono::steady_clock::now();
  const auto stats = link.projector->run();
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
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
                  stats->updated, ms);
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
