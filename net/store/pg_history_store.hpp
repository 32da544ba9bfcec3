#pragma once

#include "actors/common/types.hpp"
#include "net/store/pg_link.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bourse::net {

/// One fill of an account's order, from the account's side. Cents, shares, ns UTC.
struct execution_record {
  std::string symbol;
  sequence seq = 0; ///< the book sequence of the fill
  order_id order = 0;
  std::uint64_t client_order_id = 0;
  std::string side; ///< BUY or SELL: the account's side
  cents price = 0;
  quantity qty = 0;
  cents fee = 0;
  std::string liquidity; ///< MAKER or TAKER
  timestamp_ns time = 0;
};

/// One order of an account as its book's durable events tell it. Cents, shares, ns UTC.
struct order_record {
  std::string symbol;
  order_id order = 0; ///< 0 for a rejected order (no id consumed)
  std::uint64_t client_order_id = 0;
  std::string side;
  cents price = 0;       ///< the latest (a replace moves it)
  quantity qty = 0;      ///< as placed
  quantity filled = 0;   ///< Σ fills
  quantity open_qty = 0; ///< still open on the book
  std::string status;    ///< OPEN, FILLED, CANCELED, REJECTED or EXPIRED
  std::string reason;    ///< the rejection or cancel reason code; empty when none
  timestamp_ns time = 0; ///< when the book accepted (or rejected) it
};

/// One net movement of an account's cash (cash_ledger). Cents, ns UTC.
struct ledger_record {
  cents amount = 0;         ///< signed: money in > 0, out < 0
  std::string reason;       ///< DEPOSIT, WITHDRAWAL, TRADE, FEE, FEE_INCOME, DELIVERY or AUCTION
  std::string symbol;       ///< empty for deposits and withdrawals
  sequence book_seq = 0;    ///< the book event of a fill or its fee; 0 when none
  sequence journal_seq = 0; ///< the account journal entry that moved the cash
  timestamp_ns time = 0;
};

/// Filters of a history query.
struct history_query {
  account_id account = 0;
  std::string symbol;              ///< empty: every symbol
  std::string status;              ///< orders only: empty or ALL for every status
  timestamp_ns before = INT64_MAX; ///< only rows strictly older
  std::int64_t limit = 100;        ///< rows, newest first
};

/// Reads an account's executions and order history from the tables the persistence actor writes
/// (`executions`, `book_events`, `cash_ledger`; persistence/migrations 0002, 0008, 0014): only durable state,
/// so exactly what clients were told. Throws std::runtime_error on database failures.
class pg_history_store {
public:
  /// link must outlive the store.
  explicit pg_history_store(pg_link& link) : link_(link) {}

  /// The account's fills (as maker or taker), newest first.
  std::vector<execution_record> executions(const history_query& q);

  /// The account's orders among its `q.limit` most recent placements (then filtered by status),
  /// newest first.
  std::vector<order_record> orders(const history_query& q);

  /// The account's cash movements, newest first (`q.status` is not used).
  std::vector<ledger_record> ledger(const history_query& q);

private:
  pg_link& link_;
};

} // namespace bourse::net
