#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "persistence/persist_messages.hpp"
#include "persistence/table_rows.hpp"

namespace bourse {

/// Rows one persist_request adds to a batch: commands, events, executions (one per fill), account
/// journal entries and their cash movements, auction commands, the definitions of created lots, the item
/// records of settled item lots, account checkpoints, book snapshots and closed candles.
std::size_t row_count(const persist_request& request) noexcept;

/// A lot's increment brackets as stored in auction_lots.brackets: "from:increment" pairs, comma
/// separated, ascending (empty without brackets).
std::string encode_brackets(const std::vector<increment_bracket>& brackets);

/// The rows of one batch of persist requests, one table_rows per table, plus the batch's own row
/// in persist_batches. clear() keeps the memory for the next batch.
class journal_tables {
public:
  journal_tables();

  /// Adds every row of `request`.
  void append(const persist_request& request);
  /// Adds the persist_batches row that marks this batch as written by (writer_id, batch_no).
  void mark(std::int64_t writer_id, std::int64_t batch_no, timestamp_ns now);
  /// The tables to pass to batch_writer::write.
  std::span<const table_rows* const> tables() const noexcept { return pointers_; }
  /// Rows over all tables.
  std::size_t size() const noexcept;
  void clear() noexcept;

private:
  table_rows commands_;
  table_rows events_;
  table_rows executions_;
  table_rows entries_;
  table_rows cash_; ///< cash_ledger: the net cash movements of the account entries
  table_rows lots_;
  table_rows auction_commands_;
  table_rows items_; ///< user_items: written with the SETTLED command of an item lot
  table_rows checkpoints_;
  table_rows book_snapshots_;
  table_rows candles_; ///< skips a candle already stored (re-closed after a recovery)
  table_rows batches_;
  std::array<const table_rows*, 12> pointers_;
};

} // namespace bourse
