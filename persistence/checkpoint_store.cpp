#include "persistence/checkpoint_store.hpp"

#include <bit>
#include <optional>
#include <string>

namespace bourse {
namespace {

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/// The bytes of a BYTEA value in hex output format (bytea_output = hex, the default): \x then two
/// lowercase hex digits per byte; nullopt for anything else.
std::optional<std::string> from_bytea_hex(std::string_view text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
    return std::nullopt;
  std::string out;
  out.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int hi = hex_digit(text[i]);
    const int lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0)
      return std::nullopt;
    out.push_back(static_cast<char>(hi << 4 | lo));
  }
  return out;
}

} // namespace

pg_expected<std::map<account_id, account_checkpoint>> load_latest_checkpoints(pg_connection& conn) {
  auto rows = conn.exec("SELECT c.user_id, c.seq, c.state FROM account_checkpoints c JOIN"
                        " (SELECT user_id, max(seq) AS seq FROM account_checkpoints GROUP BY user_id) l"
                        " USING (user_id, seq)");
  if (!rows)
    return rows.error();
  std::map<account_id, account_checkpoint> out;
  for (int row = 0; row < rows->rows(); ++row) {
    account_checkpoint checkpoint;
    checkpoint.account = std::bit_cast<account_id>(rows->int64(row, 0));
    checkpoint.seq = std::bit_cast<sequence>(rows->int64(row, 1));
    auto bytes = from_bytea_hex(rows->text(row, 2));
    if (!bytes)
      return pg_error{reason_code::persistence_failed, {}, "account_checkpoints: state is not hex bytea"};
    checkpoint.state = std::move(*bytes);
    out.emplace(checkpoint.account, std::move(checkpoint));
  }
  return out;
}

pg_expected<void> prune_checkpoints(pg_connection& conn, int keep) {
  auto pruned = conn.exec("DELETE FROM account_checkpoints c USING (SELECT user_id, seq, row_number() OVER"
                          " (PARTITION BY user_id ORDER BY seq DESC) AS n FROM account_checkpoints) old"
                          " WHERE old.n > $1 AND c.user_id = old.user_id AND c.seq = old.seq",
                          keep);
  if (!pruned)
    return pruned.error();
  return {};
}

pg_expected<std::optional<book_snapshot_record>> load_latest_book_snapshot(pg_connection& conn,
                                                                           std::string_view symbol) {
  auto rows =
      conn.exec("SELECT cmd_seq, state FROM book_snapshots WHERE symbol = $1 ORDER BY cmd_seq DESC LIMIT 1",
                std::string{symbol});
  if (!rows)
    return rows.error();
  if (rows->rows() == 0)
    return std::nullopt;
  auto bytes = from_bytea_hex(rows->text(0, 1));
  if (!bytes)
    return pg_error{reason_code::persistence_failed, {}, "book_snapshots: state is not hex bytea"};
  return book_snapshot_record{std::string{symbol}, std::bit_cast<sequence>(rows->int64(0, 0)),
                              std::move(*bytes)};
}

pg_expected<void> prune_book_snapshots(pg_connection& conn, std::string_view symbol, int keep) {
  auto pruned =
      conn.exec("DELETE FROM book_snapshots WHERE symbol = $1 AND cmd_seq < ANY (SELECT cmd_seq FROM"
                " book_snapshots WHERE symbol = $1 ORDER BY cmd_seq DESC OFFSET $2 LIMIT 1)",
                std::string{symbol}, keep - 1);
  if (!pruned)
    return pruned.error();
  return {};
}

} // namespace bourse
