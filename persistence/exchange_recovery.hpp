#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "actors/runtime/exchange.hpp"
#include "persistence/account_recovery.hpp"
#include "persistence/book_recovery.hpp"
#include "persistence/market_data_recovery.hpp"

namespace bourse {

/// Everything a node rebuilds from PostgreSQL at start.
struct recovered_exchange {
  std::map<std::string, std::shared_ptr<book_state>> books;
  recovered_accounts accounts;
  std::map<std::string, std::shared_ptr<market_data_state>> market_data;
};

/// Rebuilds books (recover_book), accounts (recover_accounts) and market data
/// (recover_symbol_market_data) on `workers` threads, each with its own connection to `conninfo`:
/// the accounts' replay and each book's replay run side by side, then each symbol's market data
/// (its depth comes from the rebuilt book). Logs each part and the total milliseconds. The first
/// error of any part is the result; a journal of an unlisted symbol is persistence_failed.
pg_expected<recovered_exchange> recover_exchange(std::string_view conninfo,
                                                 const instrument_table& instruments, risk_limits limits,
                                                 const market_data_recovery_config& md = {},
                                                 unsigned workers = 2);

/// Hands `recovered` to `cfg` (books, accounts, house, market data), so build_exchange starts from it.
inline void adopt_recovered(exchange_config& cfg, recovered_exchange recovered) {
  cfg.recovered_books = std::move(recovered.books);
  cfg.recovered_accounts = std::move(recovered.accounts.accounts);
  cfg.recovered_house = std::move(recovered.accounts.house);
  cfg.recovered_market_data = std::move(recovered.market_data);
}

} // namespace bourse
