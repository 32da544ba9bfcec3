#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "actors/book/book_actor.hpp"
#include "persistence/checkpoint_record.hpp"
#include "persistence/pg_error.hpp"

namespace bourse {

/// Format version encode_book_snapshot writes; decode_book_snapshot reads only this one.
inline constexpr std::uint8_t book_snapshot_version = 1;

/// The binary image of `st` (version book_snapshot_version): `journaled`, the book's L3 state
/// (book_snapshot: resting orders in priority order, pending stops, sequence, next order id, last
/// trade price, reference price, halted flag) and the idempotency replies of every submit. Not
/// included: the report outbox (runtime only: after a restart the accounts catch up from
/// book_events) and the instrument rules (configuration). Layout: "BRBK", the version byte, fields
/// as LEB128 varints (signed ones zigzag), then CRC-32 (persistence/checkpoint_codec.hpp). The
/// replies are written in the map's iteration order, so equal states may give different bytes.
std::string encode_book_snapshot(const book_state& st);

/// The book state encoded in `image`, trading under `rules` (its reference price comes from the
/// image). persistence_failed for a wrong magic, an unknown version, a bad checksum, a truncated
/// image or trailing bytes.
pg_expected<std::shared_ptr<book_state>> decode_book_snapshot(std::string_view image,
                                                              const instrument& rules);

/// When a book actor writes its snapshots: every `every` journaled commands (0: never). Each goes
/// to `persistence` only after the ack of the journal request that carried its last command (acks
/// arrive in request order, so every command up to its cmd_seq is durable then), as a refusable
/// one-way request: a lost or refused snapshot only makes the next recovery replay more. After a
/// failed journal request none is written.
class book_snapshot_schedule {
public:
  book_snapshot_schedule(persistence_actor persistence, sequence every, sequence journaled);

  /// The snapshot of `st` when `every` commands were journaled since the last one; call it when the
  /// commands up to st.journaled are handed to the journal, and pass the result to acked().
  std::optional<book_snapshot_record> due(const book_state& st);
  /// The journal request sent with due()'s result was answered: writes `snapshot` when `ok` and
  /// every earlier request was too.
  void acked(bool ok, std::optional<book_snapshot_record> snapshot);

private:
  persistence_actor persistence_;
  sequence every_;
  sequence last_; ///< cmd_seq of the last snapshot taken (or of the state the actor started from)
  bool failed_ = false;
};

} // namespace bourse
