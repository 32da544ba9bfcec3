#include "actors/gateway/gateway_messages.hpp"

#include "actors/runtime/message_types.hpp"

namespace bourse {

void register_gateway_types(caf::actor_system_config& cfg) {
  register_message_types(cfg);
  cfg.add_message_type<instrument>("bourse::instrument")
      .add_message_type<bot_login>("bourse::bot_login")
      .add_message_type<symbol_info>("bourse::symbol_info")
      .add_message_type<bot_status>("bourse::bot_status")
      .add_message_type<order_listener>("bourse::order_listener")
      .add_message_type<gateway_actor>("bourse::gateway_actor");
}

} // namespace bourse
