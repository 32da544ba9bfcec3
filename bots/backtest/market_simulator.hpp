#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <variant>
#include <vector>

#include "actors/book/order_book.hpp"
#include "bots/backtest/sim_bot_host.hpp"
#include "bots/backtest/stylized_facts.hpp"
#include "bots/market/game_clock.hpp"

namespace bourse::bots {

/// Settings of one simulated market. Times ns (simulated, UTC).
struct market_sim_config {
  instrument rules;                 ///< the symbol as the node lists it (reference price = band centre)
  game_clock clock;                 ///< the market's game clock; a game day ends every seconds_per_day
  timestamp_ns start = 0;           ///< simulated time of the first event (the bots' clock start)
  timestamp_ns duration = 0;        ///< events up to start + duration are run
  timestamp_ns latency = 1'000'000; ///< bot → book and book → bot, each way
  std::int64_t bar_interval_s = 60; ///< bars of this length (from trades) reach on_bar
  std::size_t md_depth = 10;        ///< levels per side in book notifications (the node's md_depth)
  std::size_t sample_levels = 5;    ///< levels per side summed into a book sample's depth
  timestamp_ns sample_interval = 1'000'000'000; ///< book samples for the realism table
};

/// One trade of the simulated book: time ns, price cents, quantity shares.
struct sim_trade {
  timestamp_ns time = 0;
  cents price = 0;
  quantity qty = 0;
  friend bool operator==(const sim_trade&, const sim_trade&) = default;
};

/// Where one bot ended: position shares, P&L cents at the last mark.
struct sim_bot_outcome {
  std::string name;
  quantity position = 0;
  cents pnl = 0;
  std::uint64_t orders_sent = 0;
  std::size_t orders_refused = 0; ///< by the bot's risk manager
  std::uint64_t book_rejects = 0; ///< orders the book rejected (e.g. outside the price band)
  std::uint64_t fills = 0;
  bool killed = false;
};

/// What a simulated market produced.
struct market_run {
  std::vector<sim_trade> trades;
  std::vector<book_sample> books; ///< one per sample_interval: top and depth on sample_levels
  std::vector<sim_bot_outcome> bots;
  std::uint64_t events = 0; ///< events processed
};

/// A whole market of bots on one symbol in simulated time: every bot's strategy (hosted as live
/// hosts it, sim_bot_host) against one real order_book, in a discrete-event loop ordered by
/// (time, order of scheduling). Orders and cancels reach the book `latency` after the bot sent them;
/// execution reports, trades, depth changes (md_depth levels) and bars reach bots `latency` after
/// the book produced them; bars are cut from trades every bar_interval_s (buckets since the epoch,
/// empty buckets give no bar) and sent only once their bucket ended. A game day ends every
/// clock.seconds_per_day (DAY orders expire, the band re-centres on the last trade, as the node's
/// session clock does). No accounts: any bot may sell beyond its position (live funds that as a margin
/// short). Deterministic: the same config and bots give the same run.
class market_simulator final : private sim_exchange {
public:
  market_simulator(market_sim_config config, std::vector<sim_bot> bots);
  ~market_simulator() override;
  market_simulator(const market_simulator&) = delete;
  market_simulator& operator=(const market_simulator&) = delete;

  /// Runs the market once from an empty book.
  market_run run();
  /// Bot `bot`'s context (position, cash, open orders) as the run left it.
  const strategy_context& context(std::size_t bot) const { return hosts_.at(bot)->context(); }

private:
  struct timer_due {
    std::size_t bot;
    timestamp_ns at;
  };
  struct order_arrival {
    std::size_t bot;
    order_request request;
  };
  struct cancel_arrival {
    std::size_t bot;
    std::uint64_t client_ref;
  };
  struct fill_notice {
    std::size_t bot;
    fill_report report;
  };
  struct closed_notice {
    std::size_t bot;
    std::uint64_t client_ref;
  };
  struct trade_notice {
    trade_print print;
  };
  struct book_notice {
    std::shared_ptr<const depth_snapshot> depth;
  };
  struct bar_notice {
    bar completed;
  };
  struct bar_close {
    timestamp_ns bucket;
  };
  struct day_end {};
  struct sample_due {};
  using action = std::variant<timer_due, order_arrival, cancel_arrival, fill_notice, closed_notice,
                              trade_notice, book_notice, bar_notice, bar_close, day_end, sample_due>;
  struct event {
    timestamp_ns time;
    std::uint64_t seq;
    action what;
    bool operator>(const event& other) const noexcept {
      return time != other.time ? time > other.time : seq > other.seq;
    }
  };

  void submit(std::size_t bot, const order_request& request) override;
  void cancel(std::size_t bot, std::uint64_t client_ref) override;
  void arm_timer(std::size_t bot, timestamp_ns at) override;

  void schedule(timestamp_ns at, action what);
  void handle(const timer_due& e);
  void handle(const order_arrival& e);
  void handle(const cancel_arrival& e);
  void handle(const fill_notice& e);
  void handle(const closed_notice& e);
  void handle(const trade_notice& e);
  void handle(const book_notice& e);
  void handle(const bar_notice& e);
  void handle(const bar_close& e);
  void handle(const day_end& e);
  void handle(const sample_due& e);

  /// Turns the book's events into reports, trades and bars, then publishes changed depth.
  void process_book_events();
  void report_fill(const book_event& e, bool maker);
  void record_trade(const book_event& e);
  void close_bar();
  void publish_depth();
  /// The bot trading as `owner`, or nullptr.
  sim_bot_host* host_of(account_id owner) noexcept;
  /// Book order id of bot `bot`'s client_ref (0 = not resting); grows the table.
  order_id& order_of(std::size_t bot, std::uint64_t client_ref);

  market_sim_config config_;
  std::vector<std::unique_ptr<sim_bot_host>> hosts_;
  std::optional<order_book> book_;
  std::priority_queue<event, std::vector<event>, std::greater<>> queue_;
  std::uint64_t next_seq_ = 0;
  timestamp_ns now_ = 0;
  std::vector<book_event> events_;
  std::vector<std::vector<order_id>> orders_; ///< by bot, by client_ref
  std::vector<std::uint64_t> rejects_;        ///< book rejections by bot
  depth_snapshot published_;                  ///< depth last sent to bots
  depth_snapshot scratch_;
  std::optional<bar> open_bar_;
  market_run run_;
};

} // namespace bourse::bots
