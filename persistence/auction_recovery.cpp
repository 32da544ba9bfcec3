#include "persistence/auction_recovery.hpp"

#include <charconv>
#include <vector>

#include <spdlog/spdlog.h>

#include "persistence/account_journal.hpp"
#include "persistence/auction_entries.hpp"
#include "persistence/batch_writer.hpp"
#include "persistence/enum_names.hpp"
#include "persistence/journal_rows.hpp"

namespace bourse {
namespace {

pg_error corrupt(std::string message) {
  return {reason_code::persistence_failed, {}, std::move(message)};
}

std::int64_t to_int64(std::string_view text) {
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

/// The brackets of auction_lots.brackets ("from:increment" pairs, comma separated).
std::vector<increment_bracket> decode_brackets(std::string_view text) {
  std::vector<increment_bracket> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto pair = text.substr(0, comma);
    const auto colon = pair.find(':');
    out.push_back({to_int64(pair.substr(0, colon)), to_int64(pair.substr(colon + 1))});
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return out;
}

pg_expected<std::map<lot_id, lot_definition>> load_lots(pg_connection& conn) {
  auto rows =
      conn.exec("SELECT lot_id, title, description, image_url, auctioneer_id, seller_id, kind, symbol,"
                " quantity, item_ref, start_price, increment, brackets, reserve_price, duration_ns,"
                " extension_window_ns, extension_ns, scheduled_start_ns, allow_self_outbid"
                " FROM auction_lots");
  if (!rows)
    return rows.error();
  std::map<lot_id, lot_definition> lots;
  for (int r = 0; r < rows->rows(); ++r) {
    int c = 0;
    lot_definition l;
    l.id = static_cast<lot_id>(rows->int64(r, c++));
    l.title = rows->text(r, c++);
    l.description = rows->text(r, c++);
    l.image_url = rows->text(r, c++);
    l.auctioneer = static_cast<account_id>(rows->int64(r, c++));
    l.seller = static_cast<account_id>(rows->int64(r, c++));
    l.kind = parse_enum<lot_kind>(lot_kind_names, rows->text(r, c++)).value_or(lot_kind::item);
    l.symbol = rows->text(r, c++);
    l.qty = rows->int64(r, c++);
    l.item_ref = rows->text(r, c++);
    l.start_price = rows->int64(r, c++);
    l.increment = rows->int64(r, c++);
    l.brackets = decode_brackets(rows->text(r, c++));
    l.reserve_price = rows->int64(r, c++);
    l.duration_ns = rows->int64(r, c++);
    l.extension_window_ns = rows->int64(r, c++);
    l.extension_ns = rows->int64(r, c++);
    l.scheduled_start = rows->int64(r, c++);
    l.allow_self_outbid = rows->boolean(r, c++);
    lots.emplace(l.id, std::move(l));
  }
  return lots;
}

/// Every lot's journal in seq order, cut at the first gap; CREATE commands get their definition.
pg_expected<std::map<lot_id, std::vector<auction_command>>> load_journals(pg_connection& conn) {
  auto lots = load_lots(conn);
  if (!lots)
    return lots.error();
  auto rows = conn.exec("SELECT lot_id, seq, kind, time_ns, user_id, price, reason FROM auction_journal"
                        " ORDER BY lot_id, seq");
  if (!rows)
    return rows.error();
  std::map<lot_id, std::vector<auction_command>> journals;
  for (int r = 0; r < rows->rows(); ++r) {
    const auto id = static_cast<lot_id>(rows->int64(r, 0));
    auction_command c;
    c.seq = static_cast<sequence>(rows->int64(r, 1));
    const auto kind = parse_enum<auction_command_kind>(auction_command_names, rows->text(r, 2));
    const auto reason = reason_code_from_string(rows->text(r, 6));
    if (!kind || !reason)
      return corrupt("auction " + std::to_string(id) + ": unreadable command " + std::to_string(c.seq));
    c.kind = *kind;
    c.time = rows->int64(r, 3);
    c.who = static_cast<account_id>(rows->int64(r, 4));
    c.price = rows->int64(r, 5);
    c.reason = *reason;
    if (c.kind == auction_command_kind::create) {
      const auto def = lots->find(id);
      if (def == lots->end())
        return corrupt("auction " + std::to_string(id) + ": CREATE without its auction_lots row");
      c.lot = def->second;
    }
    auto& journal = journals[id];
    if (c.seq == journal.size() + 1)
      journal.push_back(std::move(c));
  }
  return journals;
}

/// Applies one command; false when it does not replay as it ran.
bool apply(std::shared_ptr<auction_rules>& rules, const auction_command& c) {
  if (c.kind == auction_command_kind::create) {
    if (rules || validate_lot(c.lot) != reason_code::none)
      return false;
    rules = std::make_shared<auction_rules>(c.lot, c.time);
    return true;
  }
  if (!rules)
    return false;
  switch (c.kind) {
  case auction_command_kind::start:
    return rules->start(c.who, c.time) == reason_code::none;
  case auction_command_kind::bid:
    return rules->place_bid(c.who, c.price, c.time).reason == reason_code::none;
  case auction_command_kind::cancel:
    return rules->cancel(c.who, c.time) == reason_code::none;
  case auction_command_kind::close:
    return rules->close(c.time).has_value();
  case auction_command_kind::settled:
    if (!rules->settling())
      return false;
    rules->settle(c.reason);
    return true;
  case auction_command_kind::refused:
    if (c.reason == reason_code::none || c.reason == reason_code::rate_limited)
      return false;
    rules->refuse_bid(c.who, c.price, c.time, c.reason);
    return true;
  case auction_command_kind::create:
    break;
  }
  return false;
}

/// True when account `who` must keep its hold or escrow on `lot`.
bool still_needed(const auction_rules& lot, account_id who) {
  const auto& rec = lot.record();
  const bool running = rec.state == auction_state::running;
  if (!running && !lot.settling())
    return false;
  if (who == rec.lot.seller && rec.lot.kind == lot_kind::shares)
    return true;
  const bid_record* top = lot.high();
  return top != nullptr && top->bidder == who;
}

} // namespace

pg_expected<std::shared_ptr<auction_rules>> replay_auction(std::span<const auction_command> journal) {
  std::shared_ptr<auction_rules> rules;
  for (const auto& c : journal) {
    if (!apply(rules, c))
      return corrupt("auction command " + std::to_string(c.seq) + " (" +
                     std::string(enum_name(auction_command_names, c.kind)) + ") does not replay");
    rules->journaled();
  }
  if (!rules)
    return corrupt("auction journal without CREATE");
  return rules;
}

pg_expected<std::map<lot_id, std::shared_ptr<auction_rules>>> recover_auctions(pg_connection& conn) {
  auto journals = load_journals(conn);
  if (!journals)
    return journals.error();
  std::map<lot_id, std::shared_ptr<auction_rules>> lots;
  for (const auto& [id, journal] : *journals) {
    auto rules = replay_auction(journal);
    if (!rules)
      return corrupt("auction " + std::to_string(id) + ": " + rules.error().message);
    lots.emplace(id, std::move(*rules));
  }
  spdlog::info("recovery: {} auction lots", lots.size());
  return lots;
}

pg_expected<std::size_t>
release_stray_holds(pg_connection& conn,
                    const std::map<account_id, std::shared_ptr<account_actor_state>>& accounts,
                    const std::map<lot_id, std::shared_ptr<auction_rules>>& lots) {
  journal_tables releases;
  std::size_t released = 0;
  for (const auto& [id, st] : accounts) {
    persist_request request;
    request.account = id;
    for (const auto ref : st->acc.hold_refs()) {
      const auto lot = lots.find(ref);
      if (lot != lots.end() && still_needed(*lot->second, id))
        continue;
      auto entry = release_hold_entry(ref);
      entry.result = apply_entry(*st, {}, entry, nullptr).reason;
      entry.seq = ++st->journaled;
      request.entries.push_back(std::move(entry));
    }
    released += request.entries.size();
    releases.append(request);
  }
  if (released > 0) {
    batch_writer writer{conn};
    if (auto written = writer.write(releases.tables()); !written)
      return written.error();
    spdlog::info("recovery: {} auction holds no lot needs released", released);
  }
  return released;
}

} // namespace bourse
