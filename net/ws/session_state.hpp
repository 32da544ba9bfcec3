#pragma once

#include "net/limits/rate_limiter.hpp"
#include "net/ws/channel.hpp"
#include "net/ws/session.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <map>
#include <string>

namespace bourse::net::ws {

/// The state and handlers of one session actor (session.cpp: ops and orders; session_channels.cpp:
/// subscriptions, market data and the private channels; session_auctions.cpp: auction lots). Lives in the
/// actor's behavior.
class session_state {
public:
  session_state(session_actor::pointer self, session_config cfg, std::shared_ptr<ws_outbox> out,
                std::optional<access_claims> user);

  /// One inbound text frame.
  void on_frame(const std::string& text);
  /// The heartbeat period passed: a heartbeat frame.
  void on_tick();
  /// The token's expiry time passed (a timer set at each auth): close 1008 TOKEN_EXPIRED if it did
  /// expire (a later auth may have extended it).
  void on_expiry();
  /// Sets the timer of the current token's expiry.
  void watch_expiry();
  /// The first-auth deadline passed.
  void on_auth_due();
  /// The connection ended.
  void on_closed();

  /// A fill of the account's orders (session_channels.cpp): a `fill` event on the `orders` channel.
  void on_fill(const fill_notice& fill);
  /// Reads the account's view and sends what changed on the private channels.
  void poll_account();
  /// An event of a joined lot (session_auctions.cpp): STATE as the full lot, the others as they come.
  void on_auction_event(const auction_event& e);

private:
  /// A subscribed channel; the public ones are served by the fan-out, the private ones from here.
  struct channel_entry {
    channel ch;
    std::uint64_t seq = 0;
    bool ready = false; ///< its snapshot was sent
  };
  /// A joined lot: its actor and the lot as last read (sent whole with each STATE).
  struct auction_feed {
    std::string channel_name;
    auction_actor lot;
    std::optional<auction_record> record;
  };

  void push(std::string text);
  void close(std::uint16_t code, std::string_view reason);
  void reply_error(const boost::json::value& id, reason_code code, std::string_view message = {});

  void authenticate(const boost::json::value& id, const boost::json::object& op);
  void subscribe(const boost::json::value& id, const boost::json::object& op, bool add);
  reason_code add_channel(const channel& ch);
  void remove_channel(const std::string& name);
  reason_code add_auction(const channel& ch);
  void remove_auction(const channel& ch);

  void apply_view(const account_view& v);
  bool has_private() const;
  /// Subscribes this session to its account's fills and changes / unsubscribes it.
  void start_listening();
  void stop_listening();

  reason_code trading_denied() const;
  void order_new(const boost::json::value& id, boost::json::object op);
  void order_change(const boost::json::value& id, boost::json::object op, bool replace);

  session_actor::pointer self_;
  session_config cfg_;
  std::shared_ptr<ws_outbox> out_;
  std::optional<access_claims> user_;
  rate_limiter inbound_;
  std::map<std::string, channel_entry> channels_;
  std::map<lot_id, auction_feed> auctions_;
  std::optional<account_view> last_view_;
  bool polling_ = false;
  bool repoll_ = false;    ///< a change arrived while polling: poll again after
  bool listening_ = false; ///< subscribed to the account as its listener
  bool closed_ = false;
};

} // namespace bourse::net::ws
