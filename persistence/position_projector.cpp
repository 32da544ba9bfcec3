#include "persistence/position_projector.hpp"
#include "persistence/exclusive_projection.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <utility>
#include <vector>

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include "actors/account/house_actor.hpp"
#include "persistence/account_checkpoint.hpp"
#include "persistence/account_recovery.hpp"
#include "persistence/batch_writer.hpp"
#include "persistence/book_event_rows.hpp"
#include "persistence/checkpoint_store.hpp"
#include "persistence/journal_loader.hpp"
#include "persistence/pg_text.hpp"

namespace bourse {
namespace {

/// Every account with a journal (a skip scan of account_journal's primary key, one index probe per
/// account), its last entry and its cursor.
constexpr const char* heads_sql = R"sql(
WITH RECURSIVE users(id) AS (
  SELECT min(user_id) FROM account_journal
  UNION ALL
  SELECT (SELECT min(j.user_id) FROM account_journal j WHERE j.user_id > u.id) FROM users u
  WHERE u.id IS NOT NULL)
SELECT u.id, (SELECT max(j.seq) FROM account_journal j WHERE j.user_id = u.id), coalesce(k.seq, 0)
FROM users u LEFT JOIN position_projection_cursors k ON k.user_id = u.id
WHERE u.id IS NOT NULL)sql";

constexpr const char* delete_sql = "DELETE FROM positions WHERE user_id = ANY($1::bigint[])";

constexpr const char* cursor_sql = R"sql(
INSERT INTO position_projection_cursors (user_id, seq, updated_ns)
SELECT unnest($1::bigint[]), unnest($2::bigint[]), $3
ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq, updated_ns = excluded.updated_ns)sql";

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t as_bigint(std::uint64_t value) noexcept {
  return std::bit_cast<std::int64_t>(value);
}

/// Per symbol, the book sequence after which the REPORT entries of `journals` name their events.
std::map<std::string, sequence, std::less<>>
event_floors(const std::map<account_id, account_journal>& journals) {
  std::map<std::string, sequence, std::less<>> floors;
  for (const auto& [id, journal] : journals)
    for (const auto& entry : journal) {
      if (entry.kind != account_entry_kind::report)
        continue;
      const auto [it, fresh] = floors.try_emplace(entry.symbol, entry.book_seq - 1);
      if (!fresh)
        it->second = std::min(it->second, entry.book_seq - 1);
    }
  return floors;
}

} // namespace

position_projector::position_projector(pg_connection& conn,
                                       std::shared_ptr<const instrument_registry> instruments,
                                       risk_limits limits)
    : conn_(conn), instruments_(std::move(instruments)), limits_(limits), writer_(conn),
      rows_("positions", {"user_id", "symbol", "quantity", "reserved_quantity", "cost_basis", "updated_ns",
                          "spot_quantity", "margin_quantity", "margin_closing", "margin_cost",
                          "margin_posted", "realized_pnl"}) {
}

pg_expected<position_projection_stats> position_projector::run() {
  rows_.clear();
  return run_exclusive_projection<position_projection_stats>(
      conn_, lock_key, [this](position_projection_stats stats) { return project(stats); });
}

pg_expected<position_projection_stats> position_projector::project(position_projection_stats stats) {
  auto heads = conn_.exec(heads_sql);
  if (!heads)
    return heads.error();
  std::map<account_id, sequence> after;      // every account: where its journal is read from
  std::map<account_id, sequence> active;     // accounts with entries past their cursor: the cursor
  std::map<account_id, sequence> to_restore; // active accounts not in memory at their cursor
  for (int r = 0; r < heads->rows(); ++r) {
    const auto id = std::bit_cast<account_id>(heads->int64(r, 0));
    const auto head = std::bit_cast<sequence>(heads->int64(r, 1));
    const auto cursor = std::bit_cast<sequence>(heads->int64(r, 2));
    after[id] = head;
    if (head <= cursor)
      continue;
    active.emplace(id, cursor);
    if (const auto state = states_.find(id); state == states_.end() || state->second.journaled != cursor)
      to_restore.emplace(id, cursor);
  }
  stats.accounts = static_cast<std::int64_t>(active.size());
  if (active.empty())
    return stats;
  if (auto restored = restore(to_restore); !restored)
    return restored.error();
  stats.rebuilt = static_cast<std::int64_t>(to_restore.size());
  for (const auto& [id, cursor] : active)
    after[id] = states_.at(id).journaled;

  auto journals = load_account_journals(conn_, after);
  if (!journals)
    return journals.error();
  book_event_log events;
  for (const auto& [symbol, floor] : event_floors(*journals)) {
    auto loaded = load_book_events(conn_, symbol, floor);
    if (!loaded)
      return loaded.error();
    stats.events += static_cast<std::int64_t>(loaded->size());
    events.emplace(symbol, std::move(*loaded));
  }

  house_state house; // the fees replay_account credits; the projection does not keep them
  std::vector<account_id> changed;
  for (const auto& [id, cursor] : active) {
    auto& state = states_.at(id);
    const auto tail = journals->find(id);
    if (tail != journals->end()) {
      if (auto replayed = replay_account(state, instruments_->current(), tail->second, events, house);
          !replayed) {
        spdlog::warn("positions projection: account {} left at seq {}: {}", id, cursor,
                     replayed.error().message);
        states_.erase(id);
        ++stats.diverged;
        continue;
      }
      stats.entries += static_cast<std::int64_t>(tail->second.size());
    }
    if (state.journaled != cursor) // a gap in the snapshot's journal can leave it where it was
      changed.push_back(id);
  }
  if (auto written = write(changed, stats); !written)
    return written.error();
  return stats;
}

pg_expected<void> position_projector::restore(const std::map<account_id, sequence>& ids) {
  for (const auto& [id, cursor] : ids)
    states_.erase(id);
  if (ids.empty())
    return {};
  auto checkpoints = load_latest_checkpoints(conn_);
  if (!checkpoints)
    return checkpoints.error();
  for (const auto& [id, cursor] : ids) {
    const auto row = checkpoints->find(id);
    if (row != checkpoints->end()) {
      auto state = decode_checkpoint(row->second.state, limits_);
      if (state && state->acc.id() == id && state->journaled == row->second.seq) {
        states_.emplace(id, std::move(*state));
        continue;
      }
      spdlog::warn(
          "positions projection: account {}: checkpoint at seq {} not used, replaying the whole journal", id,
          row->second.seq);
    }
    states_.emplace(std::piecewise_construct, std::forward_as_tuple(id), std::forward_as_tuple(id, limits_));
  }
  return {};
}

pg_expected<void> position_projector::write(const std::vector<account_id>& changed,
                                            position_projection_stats& stats) {
  if (changed.empty())
    return {};
  const auto now = now_ns();
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> seqs;
  for (const auto id : changed) {
    const auto& st = states_.at(id);
    ids.push_back(as_bigint(id));
    seqs.push_back(as_bigint(st.journaled));
    for (const auto& [symbol, p] : st.acc.positions())
      if (p != position{})
        rows_.add(as_bigint(id), symbol, shares_counted(p), p.spot_reserved, p.spot_cost, now, p.spot,
                  p.margin, p.margin_closing, p.margin_cost, p.margin_posted, p.realized_pnl);
  }
  const auto id_array = pg_bigint_array(ids);
  if (auto deleted = conn_.exec(delete_sql, id_array); !deleted)
    return deleted.error();
  if (!rows_.empty()) {
    // One COPY is one statement: batch_writer runs it inside this run's transaction.
    if (auto copied = writer_.write(rows_); !copied)
      return copied.error();
  }
  stats.rows = static_cast<std::int64_t>(rows_.size());
  if (auto moved = conn_.exec(cursor_sql, id_array, pg_bigint_array(seqs), now); !moved)
    return moved.error();
  return {};
}

} // namespace bourse
