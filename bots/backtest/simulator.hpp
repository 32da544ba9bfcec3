#pragma once

#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "actors/book/order_book.hpp"
#include "bots/backtest/backtest_config.hpp"
#include "bots/backtest/backtest_result.hpp"
#include "bots/data/bar.hpp"
#include "bots/strategy/strategy.hpp"

namespace bourse::bots {

/// Event-driven backtest over bars with the live loop: data → strategy → orders → matching in the
/// real order_book → fills → strategy. Each bar becomes four price points (bar_path); at each point
/// a replay account quotes the path price ± half spread, so the strategy trades against the book
/// exactly as it would live. Per point, in order: move the replay quotes (resting strategy orders
/// the path crosses fill), activate orders whose latency has passed, on_book, on_timer when due;
/// after the close point, on_bar with the completed bar. A strategy never sees a point before its
/// time: a bar reaches on_bar only after its close point was played.
class bar_simulator final : private order_sink {
public:
  explicit bar_simulator(backtest_config config);
  ~bar_simulator() override;
  bar_simulator(const bar_simulator&) = delete;
  bar_simulator& operator=(const bar_simulator&) = delete;

  /// Runs `strat` over `bars` (time order) from a fresh book and account.
  backtest_result run(std::span<const bar> bars, strategy& strat);

private:
  struct command {
    std::size_t active_at = 0;
    bool is_cancel = false;
    order_request request; ///< for a cancel only client_ref is used
  };

  void submit(const order_request& request) override;
  void cancel(std::uint64_t client_ref) override;

  void play_point(cents price, timestamp_ns now, strategy& strat);
  void quote_replay(cents price, timestamp_ns now, strategy& strat);
  /// Activates the pending commands whose latency has passed (inline check: usually none is due).
  void activate_due(timestamp_ns now, strategy& strat) {
    if (!pending_.empty() && pending_.front().active_at <= event_index_)
      activate_pending(now, strat);
  }
  void activate_pending(timestamp_ns now, strategy& strat);
  /// Hands the book the current bar's reference price before its first operation in that bar
  /// (deferred: a lazy run does not touch the book for most bars).
  void sync_reference() {
    if (reference_stale_) {
      book_->set_reference_price(reference_);
      reference_stale_ = false;
    }
  }
  void handle_events(strategy& strat);
  void deliver_fill(const book_event& e, bool maker, strategy& strat);
  bool strategy_has_book_orders() const noexcept;
  /// Reads the book's depth into bid_levels_/ask_levels_ (the view when the replay is synced).
  void read_book_levels();
  /// Writes the replay quotes the book would hold at the path price into synthetic_bids_/asks_ (the
  /// view when not synced; the book is not touched); returns how many bids are above 0.
  std::size_t write_synthetic_levels() noexcept;

  backtest_config config_;
  std::optional<order_book> book_;
  std::optional<strategy_context> ctx_;
  backtest_result result_;
  std::deque<command> pending_;
  std::vector<book_event> events_;
  std::vector<order_id> order_of_ref_; ///< book order id by client_ref (0 = not in the book)
  struct replay_quote {
    order_id id = 0; ///< 0 = not in the book
    cents price = 0;
    quantity open = 0;
  };
  void place_replay(side s, std::size_t level, cents center, timestamp_ns now, strategy& strat);
  void on_replay_event(std::uint64_t client_ref, quantity remaining);

  std::vector<replay_quote> replay_bids_; ///< by level, best first
  std::vector<replay_quote> replay_asks_;
  std::vector<price_level_view> bid_levels_; ///< book depth of a synced view
  std::vector<price_level_view> ask_levels_;
  std::vector<cents> level_offsets_;             ///< replay level distance from the path price, cents
  std::vector<price_level_view> synthetic_bids_; ///< replay quotes of an unsynced view (by level)
  std::vector<price_level_view> synthetic_asks_;
  cents reference_ = 0;          ///< the current bar's open, the book's band centre
  bool reference_stale_ = false; ///< reference_ not yet handed to the book
  cents replay_price_ = 0;       ///< path price the replay quotes are centred on (0 = none in the book)
  cents path_price_ = 0;         ///< current path price
  std::size_t synced_at_ = 0;    ///< last price point at which the replay quotes were moved
  std::size_t event_index_ = 0;
};

} // namespace bourse::bots
