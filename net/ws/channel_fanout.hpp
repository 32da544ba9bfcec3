#pragma once

#include "actors/runtime/md_messages.hpp"
#include "net/ws/channel.hpp"
#include "net/ws/ws_outbox.hpp"

#include <boost/unordered/unordered_flat_map.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bourse::net::ws {

/// The public channels (`book.<SYM>`, `trades.<SYM>`, `candles.<SYM>.<i>`, `ticker`) of every
/// session of one endpoint. Each market-data event is serialised once into a frame carrying the
/// channel's own `seq` (book: the market-data sequence; the others count the channel's events) and
/// that one frame is queued on every subscribed connection. A book subscriber with more than
/// outbox_bounds::conflate_after_messages queued is withheld deltas and gets a fresh snapshot once
/// its queue drains; a connection past the outbox bounds is closed 1008 SLOW_CONSUMER. Plain state,
/// driven by the fan-out actor (channel_fanout_actor.hpp), which fetches what add() asks for.
class channel_fanout {
public:
  explicit channel_fanout(outbox_bounds bounds) : bounds_(bounds) {}

  /// What the driver must fetch from the market-data actor for a new subscriber's snapshot.
  enum class fetch : std::uint8_t { nothing, book, candles };

  /// Subscribes out to the public channel ch (no-op when already subscribed). trades: its snapshot
  /// `[]` with the channel's seq now; ticker: the last ticker of every known symbol now, each with
  /// the channel's seq; book and candles: the snapshot follows on_book / on_candles, and the result
  /// says whether the driver must fetch it (nothing while a fetch is in flight).
  fetch add(const channel& ch, std::shared_ptr<ws_outbox> out);

  /// Unsubscribes out from channel `name`.
  void remove(const std::string& name, const ws_outbox* out);

  /// Unsubscribes out from every channel (its connection ended).
  void remove_all(const ws_outbox* out);

  /// An L2 snapshot of `book.<snap.symbol>`: sent to every subscriber waiting for one (new, or
  /// withheld with a drained queue). A snapshot past the channel's last delta means deltas were
  /// lost upstream: every subscriber then waits for it.
  void on_book(const l2_snapshot& snap);

  /// An L2 delta: to every book subscriber in sequence; a gap makes all of them wait for a snapshot.
  void on_delta(const l2_delta& delta);

  /// A trade: to every subscriber of `trades.<SYM>`, with the channel's next seq.
  void on_trade(const trade_print& trade);

  /// A ticker change; reference_price (cents) goes into the frame.
  void on_ticker(const ticker& t, cents reference_price);

  /// True once a ticker of symbol was seen.
  bool has_ticker(const std::string& symbol) const { return tickers_.count(symbol) > 0; }

  /// A closed candle: to the subscribers of its `candles.<SYM>.<interval>` channel.
  void on_candle(const candle& c);

  /// The history of candle channel `name` (oldest first): the snapshot of its waiting subscribers.
  void on_candles(const std::string& name, const std::vector<candle>& history);

  /// The fetch for channel `name` failed: its waiting subscribers get an error frame with code.
  void on_fetch_failed(const std::string& name, reason_code code);

  /// Symbols whose book snapshot must be fetched now (a subscriber withheld with a drained queue,
  /// or a lost sequence); each is reported once until its on_book or on_fetch_failed.
  std::vector<std::string> resyncs_due();

  /// Subscriptions over all channels.
  std::size_t subscriptions() const noexcept;

private:
  struct subscriber {
    std::shared_ptr<ws_outbox> out;
    const ws_lane* lane = nullptr; ///< groups its frames with those of its lane's other connections
    bool ready = false;            ///< its snapshot was sent
    bool stale = false;            ///< book: deltas withheld, a snapshot must follow
  };
  struct channel_state {
    channel ch;
    std::uint64_t seq = 0; ///< book: md_seq of the last delta; else the count of the channel's events
    bool synced = false;   ///< book: seq follows the market-data sequence
    bool fetching = false; ///< a snapshot fetch is in flight
    boost::unordered_flat_map<const ws_outbox*, subscriber> subscribers;
  };
  struct last_ticker {
    ticker value;
    cents reference_price = 0;
  };

  /// One frame for one connection, queued until flush().
  struct delivery {
    std::shared_ptr<ws_outbox> out;
    shared_frame frame;
  };

  channel_state* find(const std::string& name);
  fetch subscribe(channel_state& state, subscriber& sub);
  void send(subscriber& sub, shared_frame frame);
  /// Hands the queued frames to their lanes, one job per lane (inline for connections without one).
  void flush();
  /// Sends one frame of ch to every ready, non-withheld subscriber (built once, only if needed).
  template <class Build>
  void broadcast(channel_state& ch, Build build);
  void send_ticker_snapshot(channel_state& ch, subscriber& sub);

  outbox_bounds bounds_;
  std::map<std::string, channel_state, std::less<>> channels_;
  std::map<std::string, last_ticker, std::less<>> tickers_;
  boost::unordered_flat_map<const ws_lane*, std::vector<delivery>> pending_;
};

} // namespace bourse::net::ws
