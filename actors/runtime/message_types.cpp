#include "actors/runtime/message_types.hpp"

#include "actors/runtime/interfaces.hpp"

namespace bourse {

void register_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<order_request>("bourse::order_request")
      .add_message_type<book_event>("bourse::book_event")
      .add_message_type<resting_order>("bourse::resting_order")
      .add_message_type<book_snapshot>("bourse::book_snapshot")
      .add_message_type<price_level_view>("bourse::price_level_view")
      .add_message_type<top_of_book>("bourse::top_of_book")
      .add_message_type<new_order>("bourse::new_order")
      .add_message_type<order_result>("bourse::order_result")
      .add_message_type<book_reply>("bourse::book_reply")
      .add_message_type<execution_report>("bourse::execution_report")
      .add_message_type<std::vector<execution_report>>("std::vector<bourse::execution_report>")
      .add_message_type<open_order_view>("bourse::open_order_view")
      .add_message_type<position_view>("bourse::position_view")
      .add_message_type<account_view>("bourse::account_view")
      .add_message_type<trade_print>("bourse::trade_print")
      .add_message_type<md_update>("bourse::md_update")
      .add_message_type<level_change>("bourse::level_change")
      .add_message_type<l2_snapshot>("bourse::l2_snapshot")
      .add_message_type<l2_delta>("bourse::l2_delta")
      .add_message_type<ticker>("bourse::ticker")
      .add_message_type<candle>("bourse::candle")
      .add_message_type<daily_summary>("bourse::daily_summary")
      .add_message_type<book_actor>("bourse::book_actor")
      .add_message_type<md_subscriber>("bourse::md_subscriber")
      .add_message_type<market_data_actor>("bourse::market_data_actor")
      .add_message_type<account_actor>("bourse::account_actor")
      .add_message_type<fee_credit>("bourse::fee_credit")
      .add_message_type<fill_notice>("bourse::fill_notice")
      .add_message_type<account_listener>("bourse::account_listener")
      .add_message_type<mark_prices>("bourse::mark_prices")
      .add_message_type<close_order>("bourse::close_order")
      .add_message_type<margin_check>("bourse::margin_check")
      .add_message_type<house_actor>("bourse::house_actor");
}

} // namespace bourse
