#pragma once

#include <caf/actor_system_config.hpp>

namespace bourse {

/// Registers every Bourse message type (and the typed actor handles) with a CAF configuration;
/// call once before creating the actor system.
void register_message_types(caf::actor_system_config& cfg);

} // namespace bourse
