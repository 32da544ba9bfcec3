#include "net/node/bots_route.hpp"

#include <boost/json.hpp>

namespace bourse::node {

void add_bots_route(net::http::router& routes, std::shared_ptr<const bot_status_board> board) {
  routes.add(net::http::verb::get, "/api/v1/bots", net::permission::administer,
             net::http::sync_handler([board](net::http::request_context&) {
               boost::json::array bots;
               for (const auto& status : board->all())
                 bots.push_back(boost::json::object{{"name", status.name},
                                                    {"state", status.state},
                                                    {"pnl_cents", status.pnl},
                                                    {"position", status.position},
                                                    {"last_error", status.last_error},
                                                    {"time_ns", status.time}});
               return net::http::json_response(boost::json::serialize(boost::json::object{{"bots", bots}}));
             }));
}

} // namespace bourse::node
