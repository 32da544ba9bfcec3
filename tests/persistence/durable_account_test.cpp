#include "tests/persistence/durable_exchange_fixture.hpp"

namespace bourse::test {
namespace {

class durable_account_test : public durable_exchange_fixture {};

TEST_F(durable_account_test, accounts_rebuilt_from_their_journals_have_the_same_hashes_and_conserve) {
  trade(7, 400);
  const auto before = settled_hashes();
  ASSERT_GT(count("SELECT count(*) FROM executions"), 0);
  const auto recovered = restart();
  ASSERT_EQ(recovered.accounts.size(), static_cast<std::size_t>(accounts));
  cents net = 0;
  cents fees = 0;
  cents deposits = 0;
  std::map<std::string, quantity> counted;
  for (const auto& [id, st] : recovered.accounts) {
    EXPECT_EQ(state_hash(st->acc), before.at(id)) << "account " << id;
    net += st->acc.net_cash();
    fees += st->acc.fees_paid();
    deposits += st->acc.deposited() - st->acc.withdrawn();
    for (const auto& [symbol, pos] : st->acc.positions())
      counted[symbol] += shares_counted(pos);
  }
  EXPECT_EQ(deposits, accounts * 10'000'000);
  EXPECT_EQ(net + recovered.house->acc.net_cash(), deposits);
  EXPECT_EQ(recovered.house->acc.net_cash(), fees);
  for (const auto& s : symbols)
    EXPECT_EQ(counted[s], accounts * issued) << s;
  // The restarted node runs on the recovered accounts: their views give the same hashes.
  EXPECT_EQ(settled_hashes(), before);
}

TEST_F(durable_account_test, the_cash_ledger_holds_each_net_cash_movement_once_with_its_journal_entry) {
  trade(7, 400);
  settled_hashes();
  const auto rows = count("SELECT count(*) FROM cash_ledger");
  ASSERT_GT(count("SELECT count(*) FROM cash_ledger WHERE reason = 'TRADE'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM cash_ledger WHERE amount = 0"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM cash_ledger c WHERE NOT EXISTS (SELECT 1 FROM account_journal j"
                  " WHERE j.user_id = c.user_id AND j.seq = c.journal_seq"
                  " AND (c.seq IS NULL OR j.book_seq = c.seq))"),
            0)
      << "every movement is written with the entry that caused it";
  const auto recovered = restart();
  EXPECT_EQ(count("SELECT count(*) FROM cash_ledger"), rows) << "a recovery writes no ledger rows";
  cents fees = 0;
  for (const auto& [id, st] : recovered.accounts) {
    const auto of = [&](const std::string& where) {
      return count("SELECT coalesce(sum(amount), 0) FROM cash_ledger WHERE user_id = " + std::to_string(id) +
                   where);
    };
    EXPECT_EQ(of(""), st->acc.net_cash()) << "account " << id;
    EXPECT_EQ(of(" AND reason = 'DEPOSIT'"), st->acc.deposited()) << "account " << id;
    EXPECT_EQ(of(" AND reason = 'FEE'"), -st->acc.fees_paid()) << "account " << id;
    fees += st->acc.fees_paid();
  }
  EXPECT_GT(fees, 0);
}

TEST_F(durable_account_test, reports_not_yet_journaled_are_caught_up_from_the_book_events) {
  trade(11, 200);
  const auto before = settled_hashes();
  // As if the node died before the accounts' last report entries were durable.
  const auto lost = count("SELECT count(*) FROM account_journal j WHERE kind = 'REPORT' AND seq >"
                          " (SELECT max(seq) FROM account_journal k WHERE k.user_id = j.user_id AND"
                          " k.kind <> 'REPORT')");
  ASSERT_GT(lost, 0);
  conn_
      .exec("DELETE FROM account_journal j WHERE kind = 'REPORT' AND seq > (SELECT max(seq) FROM"
            " account_journal k WHERE k.user_id = j.user_id AND k.kind <> 'REPORT')")
      .value();
  const auto recovered = restart();
  for (const auto& [id, st] : recovered.accounts)
    EXPECT_EQ(state_hash(st->acc), before.at(id)) << "account " << id;
  // The caught-up events are journaled: a second recovery replays them without catching up again.
  auto again = recover_accounts(conn_, table_);
  ASSERT_TRUE(again);
  for (const auto& [id, st] : again->accounts)
    EXPECT_EQ(state_hash(st->acc), before.at(id)) << "account " << id;
}

TEST_F(durable_account_test, a_delivery_is_journaled_and_replayed) {
  ASSERT_EQ(ask<reason_code>(ex_.where->account(2), atoms::deposit::value, std::string{"AAA"}, quantity{10}),
            reason_code::none);
  ASSERT_EQ(place(2, 1, "AAA", side::sell, 10'000, 10).reason, reason_code::none);
  new_order buy;
  buy.client_order_id = 1;
  buy.symbol = "AAA";
  buy.price = 10'000;
  buy.qty = 10;
  buy.margin = true;
  ASSERT_EQ(ask<order_result>(ex_.where->account(1), atoms::place::value, buy).reason, reason_code::none);
  settled_hashes();
  ASSERT_EQ(ask<reason_code>(ex_.where->account(1), atoms::delivery::value, std::string{"AAA"}, quantity{4}),
            reason_code::none);
  const auto before = settled_hashes();
  EXPECT_EQ(count("SELECT count(*) FROM account_journal WHERE kind = 'DELIVERY'"), 1);
  const auto recovered = restart();
  EXPECT_EQ(state_hash(recovered.accounts.at(1)->acc), before.at(1));
  const auto& pos = recovered.accounts.at(1)->acc.positions().at("AAA");
  EXPECT_EQ(pos.spot, 4);
  EXPECT_EQ(pos.margin, 6);
}

TEST_F(durable_account_test, a_resend_after_a_restart_gets_the_first_result_and_no_second_order) {
  const auto first = place(1, 42, "AAA", side::buy, 10'000, 10);
  ASSERT_EQ(first.reason, reason_code::none);
  const auto rejected = place(1, 43, "AAA", side::buy, 10'000, 100'000);
  ASSERT_EQ(rejected.reason, reason_code::insufficient_buying_power);
  const auto submits = count("SELECT count(*) FROM book_commands WHERE kind = 'SUBMIT'");
  settled_hashes();
  restart();
  const auto again = place(1, 42, "AAA", side::buy, 10'000, 10);
  EXPECT_EQ(again.reason, reason_code::none);
  EXPECT_EQ(again.id, first.id);
  // The account's own rejection is an idempotency result too, even with more cash now.
  ASSERT_EQ(ask<reason_code>(ex_.where->account(1), atoms::deposit::value, cents{1'000'000'000'000}),
            reason_code::none);
  EXPECT_EQ(place(1, 43, "AAA", side::buy, 10'000, 100'000).reason, reason_code::insufficient_buying_power);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands WHERE kind = 'SUBMIT'"), submits);
  const auto view = ask<account_view>(ex_.where->account(1), caf::get_atom::value, atoms::view::value);
  ASSERT_EQ(view.open_orders.size(), 1u);
  EXPECT_EQ(view.open_orders[0].id, first.id);
}

TEST_F(durable_account_test, a_reply_leaves_only_after_its_entry_is_durable) {
  ASSERT_EQ(place(3, 1, "BBB", side::buy, 10'000, 5).reason, reason_code::none);
  // Opening deposit, PLACE, and the ACCEPTED report that came before the book's reply.
  EXPECT_EQ(count("SELECT count(*) FROM account_journal WHERE user_id = 3 AND kind IN ('DEPOSIT', 'PLACE')"),
            2);
  EXPECT_EQ(ask<reason_code>(ex_.where->account(3), atoms::deposit::value, cents{500}), reason_code::none);
  EXPECT_EQ(count("SELECT sum(amount) FROM account_journal WHERE user_id = 3 AND kind = 'DEPOSIT'"),
            10'000'000 + 500);
}

} // namespace
} // namespace bourse::test
