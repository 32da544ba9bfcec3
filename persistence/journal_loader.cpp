#include "persistence/journal_loader.hpp"

#include <algorithm>
#include <bit>

#include "persistence/copy_reader.hpp"
#include "persistence/enum_names.hpp"

namespace bourse {
namespace {

/// Reads the fields of one COPY row left to right; ok() turns false at the first unreadable one.
class field_reader {
public:
  explicit field_reader(copy_fields fields) : fields_(fields) {}

  std::string_view text() { return fields_[next_++]; }
  std::int64_t int64() {
    std::int64_t value = 0;
    ok_ = parse_int64(text(), value) && ok_;
    return value;
  }
  std::uint64_t uint64() { return std::bit_cast<std::uint64_t>(int64()); }
  bool boolean() { return text() == "t"; }
  template <class Enum, std::size_t N>
  Enum enumeration(const std::array<std::string_view, N>& names) {
    const auto value = parse_enum<Enum>(names, text());
    ok_ = value.has_value() && ok_;
    return value.value_or(Enum{});
  }
  reason_code reason() {
    const auto value = reason_code_from_string(text());
    ok_ = value.has_value() && ok_;
    return value.value_or(reason_code::none);
  }
  bool ok() const noexcept { return ok_; }

private:
  copy_fields fields_;
  std::size_t next_ = 0;
  bool ok_ = true;
};

constexpr std::string_view entry_columns =
    "user_id, seq, kind, time_ns, symbol, client_order_id, side, type, tif, price, stop_price, quantity,"
    " display_quantity, expire_time_ns, post_only, reduce_only, margin, stp, result, amount, book_seq";

/// Index conditions (distinct tail starts) per tails statement.
constexpr std::size_t starts_per_statement = 1'000;

/// Planner settings for the tails statements, so each is one bitmap heap scan: it reads every heap
/// page holding a tail entry once, in physical order. The journal is written in time order across
/// all accounts, so the tails share the recent pages; an index scan fetched one page per entry
/// (about 225k page reads for 1000 accounts' tails), a sequential scan reads the whole journal, and
/// JIT compilation (the estimates are high) costs more than the statement runs.
constexpr std::string_view bitmap_plan =
    "SET jit = off; SET enable_seqscan = off; SET enable_indexscan = off";
constexpr std::string_view default_plan = "RESET jit; RESET enable_seqscan; RESET enable_indexscan";

/// Every account that has a journal, by a skip scan of the primary key (one index probe per account).
pg_expected<std::vector<std::int64_t>> journal_accounts(pg_connection& conn) {
  auto rows =
      conn.exec("WITH RECURSIVE users(id) AS (SELECT min(user_id) FROM account_journal UNION ALL"
                " SELECT (SELECT min(user_id) FROM account_journal WHERE user_id > users.id) FROM users"
                " WHERE users.id IS NOT NULL) SELECT id FROM users WHERE id IS NOT NULL");
  if (!rows)
    return rows.error();
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(rows->rows()));
  for (int row = 0; row < rows->rows(); ++row)
    ids.push_back(rows->int64(row, 0));
  return ids;
}

/// The statements that read the entries of every account in `ids` after its `after` seq (all of an
/// account not listed): accounts whose tails start after the same seq share one index condition
/// `user_id = ANY(ids) AND seq > start` (a primary-key range scan per account), ORed into a bitmap.
std::vector<std::string> tails_statements(const std::vector<std::int64_t>& ids,
                                          const std::map<account_id, sequence>& after) {
  std::map<std::int64_t, std::vector<std::int64_t>> by_start;
  for (const auto id : ids) {
    const auto from = after.find(std::bit_cast<account_id>(id));
    by_start[from == after.end() ? 0 : std::bit_cast<std::int64_t>(from->second)].push_back(id);
  }
  std::vector<std::string> statements;
  std::size_t conditions = 0;
  for (const auto& [start, accounts] : by_start) {
    if (conditions++ % starts_per_statement == 0)
      statements.push_back("SELECT " + std::string{entry_columns} + " FROM account_journal WHERE ");
    else
      statements.back() += " OR ";
    auto& sql = statements.back();
    sql += "(user_id = ANY('{";
    for (std::size_t i = 0; i < accounts.size(); ++i)
      sql += (i == 0 ? "" : ",") + std::to_string(accounts[i]);
    sql += "}'::bigint[]) AND seq > " + std::to_string(start) + ')';
  }
  return statements;
}

} // namespace

pg_expected<std::vector<std::string>> load_journaled_symbols(pg_connection& conn) {
  // A skip scan of the primary key, one index probe per symbol: DISTINCT reads every command.
  auto found =
      conn.exec("WITH RECURSIVE s(symbol) AS (SELECT min(symbol) FROM book_commands UNION ALL"
                " SELECT (SELECT min(symbol) FROM book_commands WHERE symbol > s.symbol) FROM s"
                " WHERE s.symbol IS NOT NULL) SELECT symbol FROM s WHERE symbol IS NOT NULL ORDER BY symbol");
  if (!found)
    return found.error();
  std::vector<std::string> symbols;
  for (int row = 0; row < found->rows(); ++row)
    symbols.emplace_back(found->text(row, 0));
  return symbols;
}

pg_expected<book_journal> load_book_journal(pg_connection& conn, std::string_view symbol, sequence after) {
  book_journal journal;
  bool gap = false;
  auto copied = copy_out(conn,
                         "SELECT cmd_seq, kind, time_ns, last_seq, order_id, user_id, client_ref, side, "
                         "type, tif, price, stop_price,"
                         " quantity, display_quantity, expire_time_ns, post_only, stp, halted, reason FROM "
                         "book_commands WHERE symbol = " +
                             sql_literal(symbol) + " AND cmd_seq > " +
                             std::to_string(std::bit_cast<std::int64_t>(after)) + " ORDER BY cmd_seq",
                         19, [&](copy_fields fields) {
                           field_reader in{fields};
                           book_command c;
                           c.cmd_seq = in.uint64();
                           c.kind = in.enumeration<book_command_kind>(book_command_names);
                           c.time = in.int64();
                           c.last_seq = in.uint64();
                           c.id = in.uint64();
                           const auto user = in.uint64();
                           auto& r = c.request;
                           r.client_ref = in.uint64();
                           r.order_side = in.enumeration<side>(side_names);
                           r.type = in.enumeration<order_type>(type_names);
                           r.tif = in.enumeration<time_in_force>(tif_names);
                           const auto price = in.int64();
                           r.stop_price = in.int64();
                           const auto qty = in.int64();
                           r.display_qty = in.int64();
                           r.expire_time = in.int64();
                           r.post_only = in.boolean();
                           r.stp = in.enumeration<stp_mode>(stp_names);
                           c.halted = in.boolean();
                           c.reason = in.reason();
                           if (c.kind == book_command_kind::submit) {
                             r.owner = user;
                             r.price = price;
                             r.qty = qty;
                           } else {
                             c.requester = user;
                             c.price = price;
                             c.qty = qty;
                           }
                           gap = gap || c.cmd_seq != after + journal.size() + 1;
                           if (!gap)
                             journal.push_back(c);
                           return in.ok();
                         });
  if (!copied)
    return copied.error();
  return journal;
}

pg_expected<std::map<account_id, account_journal>>
load_account_journals(pg_connection& conn, const std::map<account_id, sequence>& after) {
  std::map<account_id, account_journal> journals;
  account_journal* current = nullptr;
  account_id current_id = 0;
  const auto add = [&](copy_fields fields) {
    field_reader in{fields};
    const account_id id = in.uint64();
    account_entry e;
    e.seq = in.uint64();
    e.kind = in.enumeration<account_entry_kind>(account_entry_names);
    e.time = in.int64();
    const auto symbol = in.text();
    auto& o = e.order;
    o.client_order_id = in.uint64();
    o.order_side = in.enumeration<side>(side_names);
    o.type = in.enumeration<order_type>(type_names);
    o.tif = in.enumeration<time_in_force>(tif_names);
    o.price = in.int64();
    o.stop_price = in.int64();
    o.qty = in.int64();
    o.display_qty = in.int64();
    o.expire_time = in.int64();
    o.post_only = in.boolean();
    o.reduce_only = in.boolean();
    o.margin = in.boolean();
    o.stp = in.enumeration<stp_mode>(stp_names);
    e.result = in.reason();
    e.amount = in.int64();
    e.book_seq = in.uint64();
    (e.kind == account_entry_kind::place ? o.symbol : e.symbol) = symbol;
    if (current == nullptr || id != current_id) {
      current = &journals[id];
      current_id = id;
    }
    current->push_back(std::move(e));
    return in.ok();
  };
  // Heap order in both cases: sorting 1M+ rows on the server costs seconds.
  if (after.empty()) {
    if (auto copied =
            copy_out(conn, "SELECT " + std::string{entry_columns} + " FROM account_journal", 21, add);
        !copied)
      return copied.error();
  } else {
    auto ids = journal_accounts(conn);
    if (!ids)
      return ids.error();
    if (auto planned = conn.exec(bitmap_plan); !planned)
      return planned.error();
    for (const auto& sql : tails_statements(*ids, after))
      if (auto copied = copy_out(conn, sql, 21, add); !copied)
        return copied.error();
    if (auto reset = conn.exec(default_plan); !reset)
      return reset.error();
  }
  for (auto& [id, journal] : journals) {
    if (!std::ranges::is_sorted(journal, {}, &account_entry::seq))
      std::ranges::stable_sort(journal, {}, &account_entry::seq);
    const auto from = after.find(id);
    const sequence first = from == after.end() ? 1 : from->second + 1;
    std::size_t kept = 0;
    while (kept < journal.size() && journal[kept].seq == first + kept)
      ++kept;
    journal.resize(kept);
  }
  return journals;
}

} // namespace bourse
