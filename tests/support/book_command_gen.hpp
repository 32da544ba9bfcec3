#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include "actors/book/book_event.hpp"
#include "actors/book/order_request.hpp"
#include "actors/common/instrument.hpp"
#include "tests/support/live_orders.hpp"

namespace bourse::testing {

/// One command to an order book, as the differential and snapshot tests replay it.
struct book_command {
  enum class kind : std::uint8_t { submit, cancel, replace, cancel_all, expire, end_of_day, halt, reference };
  kind what = kind::submit;
  timestamp_ns now = 0;
  order_request request; ///< submit
  order_id id = 0;       ///< cancel, replace
  account_id who = 0;    ///< cancel, replace, cancel_all
  cents price = 0;       ///< replace: new price; reference: new reference price; halt: 1 = halt
  quantity qty = 0;      ///< replace: new open quantity
};

/// Applies one command to any book with the order_book interface; events go to `out`.
template <class Book>
void apply(Book& book, const book_command& c, std::vector<book_event>& out) {
  using k = book_command::kind;
  switch (c.what) {
  case k::submit:
    book.submit(c.request, c.now, out);
    break;
  case k::cancel:
    book.cancel(c.id, c.who, c.now, out);
    break;
  case k::replace:
    book.replace(c.id, c.who, c.price, c.qty, c.now, out);
    break;
  case k::cancel_all:
    book.cancel_all(c.who, c.now, reason_code::cancelled_by_user, out);
    break;
  case k::expire:
    book.expire_due(c.now, out);
    break;
  case k::end_of_day:
    book.end_of_day(c.now, out);
    break;
  case k::halt:
    book.set_halted(c.price != 0);
    break;
  case k::reference:
    book.set_reference_price(c.price);
    break;
  }
}

/// Seeded random command stream covering every command kind, order type, time in force, STP mode,
/// icebergs, post-only and (a few percent) invalid requests, concentrated around the reference price
/// so that orders cross. Feed it the events (observe) so cancels and replaces hit live orders.
class book_command_gen {
public:
  book_command_gen(std::uint64_t seed, const instrument& rules) : rng_(seed), rules_(rules) {}

  book_command next() {
    book_command c;
    now_ += pick(1, 50);
    c.now = now_;
    const auto roll = pick(0, 999);
    c.who = static_cast<account_id>(pick(1, 5));
    if (halted_ && pick(0, 19) == 0) {
      c.what = book_command::kind::halt;
      halted_ = false;
    } else if (roll < 600) {
      c.request = order();
    } else if (roll < 680) {
      c.what = book_command::kind::cancel;
      aim(c);
    } else if (roll < 960) {
      c.what = book_command::kind::replace;
      c.price = price(aim(c));
      c.qty = pick(1, 30) * rules_.lot_size - (pick(0, 99) == 0 ? 1 : 0);
    } else if (roll < 965) {
      c.what = book_command::kind::cancel_all;
    } else if (roll < 985) {
      c.what = book_command::kind::expire;
    } else if (roll < 987) {
      c.what = book_command::kind::end_of_day;
    } else if (roll < 995) {
      c.what = book_command::kind::halt;
      halted_ = !halted_ && pick(0, 9) == 0;
      c.price = halted_ ? 1 : 0;
    } else {
      c.what = book_command::kind::reference;
      const auto drift = pick(0, 4) == 0 ? 400 : 20; // large moves make the fast book's ladder grow
      reference_ = rules_.reference_price + pick(-drift, drift) * rules_.tick_size;
      c.price = reference_;
    }
    return c;
  }

  /// Tracks the open orders from a command's events.
  void observe(const std::vector<book_event>& events) { live_.observe(events); }

private:
  std::int64_t pick(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution(lo, hi)(rng_); }

  /// A price for side `s`: mostly a little behind the reference (resting), sometimes through it.
  cents price(side s) {
    const auto off_tick = pick(0, 199) == 0 ? 1 : 0;
    const auto ticks = pick(0, 49) == 0 ? pick(-2'000, 2'000) : pick(-4, 30);
    return reference_ + (s == side::buy ? -ticks : ticks) * rules_.tick_size + off_tick;
  }

  /// Points a cancel or replace at a live order (sometimes at an unknown id or with the wrong owner).
  side aim(book_command& c) {
    if (live_.empty() || pick(0, 29) == 0) {
      c.id = static_cast<order_id>(pick(1, 1'000'000));
      return side::buy;
    }
    const auto& o = live_[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(live_.size()) - 1))];
    c.id = o.id;
    c.who = pick(0, 49) == 0 ? o.owner + 1 : o.owner;
    return o.order_side;
  }

  order_request order() {
    order_request r;
    r.owner = static_cast<account_id>(pick(1, 5));
    r.client_ref = static_cast<std::uint64_t>(pick(1, 1'000'000));
    r.order_side = pick(0, 1) == 0 ? side::buy : side::sell;
    r.qty = pick(1, 30) * rules_.lot_size - (pick(0, 99) == 0 ? 1 : 0);
    r.stp = static_cast<stp_mode>(pick(0, 3));
    const auto type = pick(0, 99);
    r.type = type < 72   ? order_type::limit
             : type < 82 ? order_type::market
             : type < 91 ? order_type::stop
                         : order_type::stop_limit;
    static constexpr std::array tifs{time_in_force::gtc, time_in_force::gtc, time_in_force::gtc,
                                     time_in_force::ioc, time_in_force::fok, time_in_force::gtd,
                                     time_in_force::day};
    r.tif = tifs[static_cast<std::size_t>(pick(0, tifs.size() - 1))];
    const bool market = r.type == order_type::market || r.type == order_type::stop;
    if (market && pick(0, 49) != 0)
      r.tif = pick(0, 2) == 0 ? time_in_force::fok : time_in_force::ioc;
    if (!market)
      r.price = price(r.order_side);
    if (r.type == order_type::stop || r.type == order_type::stop_limit)
      r.stop_price = reference_ + pick(-10, 10) * rules_.tick_size;
    if (!market && pick(0, 6) == 0)
      r.display_qty = std::min(r.qty, pick(1, 4) * rules_.lot_size);
    if (r.type == order_type::limit && pick(0, 9) == 0)
      r.post_only = true;
    if (r.tif == time_in_force::gtd)
      r.expire_time = now_ + pick(pick(0, 49) == 0 ? -10 : 1, 5'000);
    return r;
  }

  std::mt19937_64 rng_;
  instrument rules_;
  cents reference_ = rules_.reference_price;
  timestamp_ns now_ = 1'000'000;
  bool halted_ = false;
  live_orders live_;
};

} // namespace bourse::testing
