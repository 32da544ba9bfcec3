#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "actors/book/book_event.hpp"
#include "actors/book/order_request.hpp"
#include "actors/runtime/core_inspect.hpp"
#include "actors/runtime/order_messages.hpp"

/// What the books and accounts journal to PostgreSQL: the inputs that changed them, in the order
/// they were applied. Replaying them through the same plain C++ classes rebuilds the state exactly
/// (command sourcing, as exchange-core's journal). Prices cents, quantities shares, times ns UTC.
namespace bourse {

enum class book_command_kind : std::uint8_t {
  submit,
  cancel,
  replace,
  cancel_all,
  expire,
  end_of_day,
  halt,
  reference
};

/// One command a book executed. Fields a kind does not use stay zero.
struct book_command {
  book_command_kind kind = book_command_kind::submit;
  sequence cmd_seq = 0;     ///< the book's command number: 1, 2, ... without gaps
  sequence last_seq = 0;    ///< the book's last event sequence after the command (checked on replay)
  timestamp_ns time = 0;    ///< the clock the book passed to the engine
  order_request request;    ///< submit
  order_id id = 0;          ///< cancel, replace
  account_id requester = 0; ///< cancel, replace, cancel_all
  cents price = 0;          ///< replace: new price; reference: new reference price
  quantity qty = 0;         ///< replace: new open quantity
  bool halted = false;      ///< halt: the new flag
  reason_code reason = reason_code::none; ///< cancel_all: why
  friend bool operator==(const book_command&, const book_command&) = default;
};

/// place, deposit, issue, risk, report; replace: a replace's hold (prepare_replace); abort_replace:
/// the hold given back after the book failed to answer; refused: the book turned a placed order
/// away unexecuted (BUSY), its reservation is released; delivery: a take delivery or delivery of
/// shares that settles (part of) a margin position; hold, release_hold, pay_hold, sell_outside_book:
/// the account's side of an auction lot (persistence/auction_entries.hpp).
enum class account_entry_kind : std::uint8_t {
  place,
  deposit,
  issue,
  risk,
  report,
  replace,
  abort_replace,
  refused,
  delivery,
  hold,
  release_hold,
  pay_hold,
  sell_outside_book
};

/// One input an account applied. Fields a kind does not use stay zero.
struct account_entry {
  account_entry_kind kind = account_entry_kind::place;
  sequence seq = 0; ///< the account's journal number: 1, 2, ... without gaps
  timestamp_ns time = 0;
  new_order order; ///< place: as the client sent it; replace, abort_replace, refused: the
                   ///< client_order_id (replace: the new price and open quantity too); auction kinds:
                   ///< the lot id as client_order_id (pay_hold, sell_outside_book: price and qty too)
  reason_code result = reason_code::none; ///< place, replace: the account's verdict (checked on replay)
  std::string symbol;                     ///< every kind but place and deposit
  /// deposit: cents; issue: shares; risk: the risk_state value; place, replace, report: the
  /// reference price (cents) the account used for the symbol's price band; delivery: shares, > 0
  /// taken (long margin becomes spot), < 0 delivered (spot closes a short); hold: cents held (no
  /// symbol) or shares escrowed (symbol); pay_hold: the seller's account id (0: the house is paid);
  /// sell_outside_book: the buyer's account id
  std::int64_t amount = 0;
  sequence book_seq = 0; ///< report: the applied event of `symbol`'s book
  friend bool operator==(const account_entry&, const account_entry&) = default;
};

/// What a book answers to a submit whose command emitted `events`: the first rejection, or none.
inline reason_code submit_verdict(const std::vector<book_event>& events) noexcept {
  for (const auto& e : events)
    if (e.kind == book_event_kind::rejected)
      return e.reason;
  return reason_code::none;
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_command& x) {
  return f(caf::meta::type_name("book_command"), x.kind, x.cmd_seq, x.last_seq, x.time, x.request, x.id,
           x.requester, x.price, x.qty, x.halted, x.reason);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_entry& x) {
  return f(caf::meta::type_name("account_entry"), x.kind, x.seq, x.time, x.order, x.result, x.symbol,
           x.amount, x.book_seq);
}

} // namespace bourse
