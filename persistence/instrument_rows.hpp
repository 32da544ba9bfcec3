#pragma once

#include <vector>

#include "actors/common/instrument.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {

/// Writes `inst` as one `instruments` row (migration 0001), committed when the call returns. False
/// when the symbol already has a row (nothing written); a pg_error otherwise.
pg_expected<bool> insert_instrument_row(pg_connection& conn, const instrument& inst);

/// Every `instruments` row (the symbols operators listed at runtime), by symbol.
pg_expected<std::vector<instrument>> load_instrument_rows(pg_connection& conn);

} // namespace bourse
