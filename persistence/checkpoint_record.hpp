#pragma once

#include <string>

#include <caf/meta/type_name.hpp>

#include "actors/common/types.hpp"

namespace bourse {

/// One row of account_checkpoints: `account`'s state after its journal entry `seq`, encoded by
/// encode_checkpoint (persistence/account_checkpoint.hpp).
struct account_checkpoint {
  account_id account = 0;
  sequence seq = 0;  ///< the last journal entry the state includes
  std::string state; ///< the binary image (bytes, may hold NUL)
  friend bool operator==(const account_checkpoint&, const account_checkpoint&) = default;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_checkpoint& x) {
  return f(caf::meta::type_name("account_checkpoint"), x.account, x.seq, x.state);
}

/// One row of book_snapshots: the book of `symbol` after its journaled command `cmd_seq`, encoded
/// by encode_book_snapshot (persistence/book_snapshot_codec.hpp).
struct book_snapshot_record {
  std::string symbol;
  sequence cmd_seq = 0; ///< the last journaled command the state includes
  std::string state;    ///< the binary image (bytes, may hold NUL)
  friend bool operator==(const book_snapshot_record&, const book_snapshot_record&) = default;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_snapshot_record& x) {
  return f(caf::meta::type_name("book_snapshot_record"), x.symbol, x.cmd_seq, x.state);
}

} // namespace bourse
