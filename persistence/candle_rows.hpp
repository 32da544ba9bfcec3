#pragma once

#include "actors/runtime/md_messages.hpp"
#include "persistence/table_rows.hpp"

namespace bourse {

/// An empty batch for the candles table, with the columns append_candle fills. It skips duplicates
/// (key symbol, interval_s, open_time_ns): a candle stored already never fails its batch.
table_rows make_candle_rows();

/// Appends one closed candle (prices cents, volume shares, open time ns UTC).
void append_candle(table_rows& rows, const candle& c);

} // namespace bourse
