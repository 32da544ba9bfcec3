#include "persistence/durability_check.hpp"

#include <bit>
#include <map>

#include "actors/account/position.hpp"

namespace bourse {
namespace {

std::int64_t as_bigint(std::uint64_t value) noexcept {
  return std::bit_cast<std::int64_t>(value);
}

void check_answer(pg_connection& conn, const client_log::answer& a, std::vector<std::string>& problems) {
  if (a.reason == reason_code::busy || a.reason == reason_code::unavailable ||
      a.reason == reason_code::timeout)
    return;
  const auto who = "order " + std::to_string(a.account) + "/" + std::to_string(a.client_order_id);
  auto event =
      conn.exec("SELECT kind, order_id, reason FROM book_events WHERE symbol = $1 AND user_id = $2 AND"
                " client_ref = $3 AND kind IN ('ACCEPTED', 'REJECTED') ORDER BY seq LIMIT 1",
                a.symbol, as_bigint(a.account), as_bigint(a.client_order_id));
  if (!event) {
    problems.push_back(who + ": query failed: " + event.error().message);
    return;
  }
  if (event->rows() == 0) {
    if (a.reason == reason_code::none)
      problems.push_back(who + ": acknowledged but its book journaled no ACCEPTED event");
    return; // a rejection by the account never reached the book
  }
  const bool accepted = event->text(0, 0) == "ACCEPTED";
  if (a.reason == reason_code::none &&
      (!accepted || std::bit_cast<std::uint64_t>(event->int64(0, 1)) != a.id))
    problems.push_back(who + ": acknowledged as order " + std::to_string(a.id) +
                       ", the book journaled otherwise");
  if (a.reason != reason_code::none && !accepted && event->text(0, 2) != to_string(a.reason))
    problems.push_back(who + ": rejected with " + std::string(to_string(a.reason)) + ", the book journaled " +
                       std::string(event->text(0, 2)));
}

void check_fill(pg_connection& conn, const client_log::fill& f, std::vector<std::string>& problems) {
  auto found =
      conn.exec("SELECT price, quantity, maker_user_id, taker_user_id FROM executions WHERE symbol = $1 AND"
                " seq = $2",
                f.symbol, as_bigint(f.seq));
  const auto who = "fill " + f.symbol + "#" + std::to_string(f.seq);
  if (!found || found->rows() != 1) {
    problems.push_back(who + ": seen by account " + std::to_string(f.account) + " but not durable");
    return;
  }
  const auto maker = std::bit_cast<std::uint64_t>(found->int64(0, 2));
  const auto taker = std::bit_cast<std::uint64_t>(found->int64(0, 3));
  if (found->int64(0, 0) != f.price || found->int64(0, 1) != f.qty ||
      (maker != f.account && taker != f.account))
    problems.push_back(who + ": durable with another price, quantity or counterparty");
}

void check_duplicates(pg_connection& conn, std::vector<std::string>& problems) {
  auto twice = conn.exec("SELECT symbol, user_id, client_ref FROM book_commands WHERE kind = 'SUBMIT'"
                         " GROUP BY symbol, user_id, client_ref HAVING count(*) > 1 LIMIT 20");
  if (!twice) {
    problems.push_back("duplicate query failed: " + twice.error().message);
    return;
  }
  for (int row = 0; row < twice->rows(); ++row)
    problems.push_back("order " + std::string(twice->text(row, 1)) + "/" + std::string(twice->text(row, 2)) +
                       " submitted to " + std::string(twice->text(row, 0)) + " more than once");
}

void check_conservation(const client_log& log,
                        const std::map<account_id, std::shared_ptr<account_actor_state>>& accounts,
                        std::vector<std::string>& problems) {
  cents net = 0;
  cents fees = 0;
  cents deposits = 0;
  std::map<std::string, quantity> counted;
  for (const auto& [id, st] : accounts) {
    net += st->acc.net_cash();
    fees += st->acc.fees_paid();
    deposits += st->acc.deposited() - st->acc.withdrawn();
    for (const auto& [symbol, pos] : st->acc.positions())
      counted[symbol] += shares_counted(pos);
  }
  if (net + fees != deposits)
    problems.push_back("cash not conserved: net " + std::to_string(net) + " + fees " + std::to_string(fees) +
                       " != deposits " + std::to_string(deposits));
  std::erase_if(counted, [](const auto& entry) { return entry.second == 0; });
  if (counted != log.issued)
    problems.push_back("shares not conserved");
}

} // namespace

pg_expected<std::vector<std::string>>
check_durability(pg_connection& conn, const client_log& log,
                 const std::map<account_id, std::shared_ptr<account_actor_state>>& accounts) {
  std::vector<std::string> problems;
  for (const auto& answer : log.answers)
    check_answer(conn, answer, problems);
  for (const auto& fill : log.fills)
    check_fill(conn, fill, problems);
  check_duplicates(conn, problems);
  check_conservation(log, accounts, problems);
  return problems;
}

} // namespace bourse
