#include "actors/auction/auction_messages.hpp"

namespace bourse {

void add_auction_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<lot_definition>("bourse::lot_definition")
      .add_message_type<auction_record>("bourse::auction_record")
      .add_message_type<auction_event>("bourse::auction_event")
      .add_message_type<bid_reply>("bourse::bid_reply")
      .add_message_type<auction_settlement>("bourse::auction_settlement")
      .add_message_type<auction_subscriber>("bourse::auction_subscriber")
      .add_message_type<auction_bank_actor>("bourse::auction_bank_actor")
      .add_message_type<auction_actor>("bourse::auction_actor");
}

} // namespace bourse
