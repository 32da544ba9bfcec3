#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "actors/account/account_actor.hpp"
#include "persistence/checkpoint_record.hpp"
#include "persistence/pg_error.hpp"

namespace bourse {

/// Format version encode_checkpoint writes; decode_checkpoint reads only this one.
inline constexpr std::uint8_t checkpoint_version = 1;

/// The binary image of `st` (format below, version checkpoint_version): the ledger account (cash
/// buckets, risk state, positions, reservations, auction holds and escrows), idempotency results,
/// open orders, `applied` per symbol, `journaled`, settled lots and `house_credited`. Not included:
/// the account's in-memory cash log (account::journal), `unsent` and `listeners` (runtime only), and
/// the risk limits (configuration). Layout: "BRCK", version byte, fields as LEB128 varints (signed
/// ones zigzag), strings length-prefixed, maps in key order, then CRC-32 (Boost.CRC) of all before.
std::string encode_checkpoint(const account_actor_state& st);

/// The state encoded in `image`, with risk limits `limits`. persistence_failed for a wrong magic,
/// an unknown version, a bad checksum, a truncated image or trailing bytes.
pg_expected<account_actor_state> decode_checkpoint(std::string_view image, risk_limits limits = {});

/// When an account actor writes its checkpoints: every `every` journal entries (0: never) and when
/// it passivates with entries since the last one. Each goes to `persistence` only after the ack of
/// the journal request that carried its last entry (acks arrive in request order, so every entry
/// up to its seq is durable then), as a refusable one-way request: a lost or refused checkpoint
/// only makes the next recovery replay more. After a failed journal request none is written.
class checkpoint_schedule {
public:
  checkpoint_schedule(persistence_actor persistence, sequence every, sequence journaled);

  /// The checkpoint of `st` when `every` entries were journaled since the last one; call it when
  /// the entries up to st.journaled are handed to the journal, and pass the result to acked().
  std::optional<account_checkpoint> due(const account_actor_state& st);
  /// The journal request sent with due()'s result was answered: writes `checkpoint` when `ok` and
  /// every earlier request was too.
  void acked(bool ok, std::optional<account_checkpoint> checkpoint);
  /// The account passivates with every request acknowledged: writes its state when it has entries
  /// after the last checkpoint.
  void passivating(const account_actor_state& st);

private:
  void write(account_checkpoint checkpoint) const;

  persistence_actor persistence_;
  sequence every_;
  sequence last_; ///< seq of the last checkpoint taken (or of the state the actor started from)
  bool failed_ = false;
};

} // namespace bourse
