#include "persistence/journal_rows.hpp"

#include <algorithm>
#include <bit>
#include <optional>

#include "persistence/book_event_rows.hpp"
#include "persistence/candle_rows.hpp"
#include "persistence/enum_names.hpp"

namespace bourse {
namespace {

std::int64_t as_bigint(std::uint64_t value) noexcept {
  return std::bit_cast<std::int64_t>(value);
}

std::size_t fills(const std::vector<book_event>& events) noexcept {
  return static_cast<std::size_t>(
      std::ranges::count(events, book_event_kind::fill, [](const book_event& e) { return e.kind; }));
}

void append_command(table_rows& rows, std::string_view symbol, const book_command& c) {
  const auto& r = c.request;
  const bool submit = c.kind == book_command_kind::submit;
  rows.add(symbol, as_bigint(c.cmd_seq), enum_name(book_command_names, c.kind), c.time, as_bigint(c.last_seq),
           as_bigint(c.id), as_bigint(submit ? r.owner : c.requester), as_bigint(r.client_ref),
           enum_name(side_names, r.order_side), enum_name(type_names, r.type), enum_name(tif_names, r.tif),
           submit ? r.price : c.price, r.stop_price, submit ? r.qty : c.qty, r.display_qty, r.expire_time,
           r.post_only, enum_name(stp_names, r.stp), c.halted, to_string(c.reason));
}

void append_execution(table_rows& rows, std::string_view symbol, const book_event& e) {
  rows.add(symbol, as_bigint(e.seq), as_bigint(e.maker_order), as_bigint(e.maker_owner), as_bigint(e.order),
           as_bigint(e.owner), enum_name(side_names, e.order_side), e.price, e.qty, e.time);
}

void append_entry(table_rows& rows, account_id account, const account_entry& e) {
  const auto& o = e.order;
  const std::string_view symbol = e.kind == account_entry_kind::place ? std::string_view{o.symbol} : e.symbol;
  rows.add(as_bigint(account), as_bigint(e.seq), enum_name(account_entry_names, e.kind), e.time, symbol,
           as_bigint(o.client_order_id), enum_name(side_names, o.order_side), enum_name(type_names, o.type),
           enum_name(tif_names, o.tif), o.price, o.stop_price, o.qty, o.display_qty, o.expire_time,
           o.post_only, o.reduce_only, o.margin, enum_name(stp_names, o.stp), to_string(e.result), e.amount,
           as_bigint(e.book_seq));
}

void append_cash(table_rows& rows, account_id account, const cash_movement& m) {
  const auto symbol = m.symbol.empty() ? std::nullopt : std::optional<std::string_view>{m.symbol};
  const auto book_seq = m.book_seq == 0 ? std::nullopt : std::optional<std::int64_t>{as_bigint(m.book_seq)};
  rows.add(as_bigint(account), m.amount, enum_name(cash_reason_names, m.reason), symbol, book_seq,
           as_bigint(m.seq), m.time);
}

/// `bytes` as a BYTEA text value in hex format: \x, then two hex digits per byte.
std::string bytea_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out{"\\x"};
  out.reserve(2 + 2 * bytes.size());
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0xf]);
  }
  return out;
}

std::size_t creates(const std::vector<auction_command>& commands) noexcept {
  return static_cast<std::size_t>(std::ranges::count(commands, auction_command_kind::create,
                                                     [](const auction_command& c) { return c.kind; }));
}

/// True for the SETTLED command of an item lot sold and settled: it writes the winner's item record.
bool delivers_item(const auction_command& c) noexcept {
  return c.kind == auction_command_kind::settled && c.reason == reason_code::none &&
         c.lot.kind == lot_kind::item && c.who != 0;
}

std::size_t items(const std::vector<auction_command>& commands) noexcept {
  return static_cast<std::size_t>(std::ranges::count_if(commands, delivers_item));
}

void append_lot(table_rows& rows, const auction_command& c) {
  const auto& l = c.lot;
  rows.add(as_bigint(l.id), l.title, l.description, l.image_url, as_bigint(l.auctioneer), as_bigint(l.seller),
           enum_name(lot_kind_names, l.kind), l.symbol, l.qty, l.item_ref, l.start_price, l.increment,
           encode_brackets(l.brackets), l.reserve_price, l.duration_ns, l.extension_window_ns, l.extension_ns,
           l.scheduled_start, l.allow_self_outbid, c.time);
}

void append_auction_command(table_rows& rows, lot_id lot, const auction_command& c) {
  rows.add(as_bigint(lot), as_bigint(c.seq), enum_name(auction_command_names, c.kind), c.time,
           as_bigint(c.who), c.price, to_string(c.reason));
}

} // namespace

std::string encode_brackets(const std::vector<increment_bracket>& brackets) {
  std::string out;
  for (const auto& b : brackets) {
    if (!out.empty())
      out += ',';
    out += std::to_string(b.from_price) + ':' + std::to_string(b.increment);
  }
  return out;
}

std::size_t row_count(const persist_request& request) noexcept {
  return request.commands.size() + request.events.size() + fills(request.events) + request.entries.size() +
         request.cash.size() + request.auction_commands.size() + creates(request.auction_commands) +
         items(request.auction_commands) + request.checkpoints.size() + request.book_snapshots.size() +
         request.candles.size();
}

journal_tables::journal_tables()
    : commands_{"book_commands", {"symbol",         "cmd_seq",    "kind",
                                  "time_ns",        "last_seq",   "order_id",
                                  "user_id",        "client_ref", "side",
                                  "type",           "tif",        "price",
                                  "stop_price",     "quantity",   "display_quantity",
                                  "expire_time_ns", "post_only",  "stp",
                                  "halted",         "reason"}},
      events_{make_book_event_rows()}, executions_{"executions",
                                                   {"symbol", "seq", "maker_order_id", "maker_user_id",
                                                    "taker_order_id", "taker_user_id", "taker_side", "price",
                                                    "quantity", "time_ns"}},
      entries_{"account_journal", {"user_id",
                                   "seq",
                                   "kind",
                                   "time_ns",
                                   "symbol",
                                   "client_order_id",
                                   "side",
                                   "type",
                                   "tif",
                                   "price",
                                   "stop_price",
                                   "quantity",
                                   "display_quantity",
                                   "expire_time_ns",
                                   "post_only",
                                   "reduce_only",
                                   "margin",
                                   "stp",
                                   "result",
                                   "amount",
                                   "book_seq"}},
      cash_{"cash_ledger", {"user_id", "amount", "reason", "symbol", "seq", "journal_seq", "time_ns"}},
      lots_{"auction_lots",
            {"lot_id",
             "title",
             "description",
             "image_url",
             "auctioneer_id",
             "seller_id",
             "kind",
             "symbol",
             "quantity",
             "item_ref",
             "start_price",
             "increment",
             "brackets",
             "reserve_price",
             "duration_ns",
             "extension_window_ns",
             "extension_ns",
             "scheduled_start_ns",
             "allow_self_outbid",
             "created_ns"}},
      auction_commands_{"auction_journal",
                        {"lot_id", "seq", "kind", "time_ns", "user_id", "price", "reason"}},
      items_{"user_items", {"lot_id", "owner_id", "item_ref", "title", "image_url", "price", "acquired_ns"}},
      checkpoints_{"account_checkpoints", {"user_id", "seq", "state"}},
      book_snapshots_{"book_snapshots", {"symbol", "cmd_seq", "state"}}, candles_{make_candle_rows()},
      batches_{"persist_batches", {"writer_id", "batch_no", "row_count", "time_ns"}},
      pointers_{&commands_,         &events_, &executions_,  &entries_,        &cash_,    &lots_,
                &auction_commands_, &items_,  &checkpoints_, &book_snapshots_, &candles_, &batches_} {
  // nop
}

void journal_tables::append(const persist_request& request) {
  for (const auto& command : request.commands)
    append_command(commands_, request.symbol, command);
  for (const auto& event : request.events) {
    append_book_event(events_, request.symbol, event);
    if (event.kind == book_event_kind::fill)
      append_execution(executions_, request.symbol, event);
  }
  for (const auto& entry : request.entries)
    append_entry(entries_, request.account, entry);
  for (const auto& movement : request.cash)
    append_cash(cash_, request.account, movement);
  for (const auto& command : request.auction_commands) {
    if (command.kind == auction_command_kind::create)
      append_lot(lots_, command);
    append_auction_command(auction_commands_, request.lot, command);
    if (delivers_item(command))
      items_.add(as_bigint(request.lot), as_bigint(command.who), command.lot.item_ref, command.lot.title,
                 command.lot.image_url, command.price, command.time);
  }
  for (const auto& checkpoint : request.checkpoints)
    checkpoints_.add(as_bigint(checkpoint.account), as_bigint(checkpoint.seq), bytea_hex(checkpoint.state));
  for (const auto& snapshot : request.book_snapshots)
    book_snapshots_.add(snapshot.symbol, as_bigint(snapshot.cmd_seq), bytea_hex(snapshot.state));
  for (const auto& c : request.candles)
    append_candle(candles_, c);
}

void journal_tables::mark(std::int64_t writer_id, std::int64_t batch_no, timestamp_ns now) {
  batches_.add(writer_id, batch_no, static_cast<std::int64_t>(size()), now);
}

std::size_t journal_tables::size() const noexcept {
  std::size_t total = 0;
  for (const auto* rows : pointers_)
    total += rows->size();
  return total;
}

void journal_tables::clear() noexcept {
  commands_.clear();
  events_.clear();
  executions_.clear();
  entries_.clear();
  cash_.clear();
  lots_.clear();
  auction_commands_.clear();
  items_.clear();
  checkpoints_.clear();
  book_snapshots_.clear();
  candles_.clear();
  batches_.clear();
}

} // namespace bourse
