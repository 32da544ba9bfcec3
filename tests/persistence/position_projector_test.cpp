// The positions read model projected from the journals of a whole exchange (live account actors),
// compared with the accounts' own positions.
#include "actors/account/valuation.hpp"
#include "persistence/position_projector.hpp"

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "tests/persistence/durable_exchange_fixture.hpp"

namespace bourse::test {
namespace {

/// One positions row as the test reads it back, with the position it stands for.
struct stored_position {
  position pos;
  quantity net = 0;
  timestamp_ns updated = 0;
};

/// (account, symbol) -> row.
using position_table = std::map<std::pair<account_id, std::string>, stored_position>;

class position_projector_test : public durable_exchange_fixture {
protected:
  position_projector projector() {
    return position_projector{conn_, std::make_shared<const instrument_registry>(table_)};
  }

  position_table stored() {
    auto rows = conn_
                    .exec("SELECT user_id, symbol, quantity, reserved_quantity, cost_basis, updated_ns, "
                          "spot_quantity, margin_quantity, margin_closing, margin_cost, margin_posted, "
                          "realized_pnl FROM positions")
                    .value();
    position_table out;
    for (int r = 0; r < rows.rows(); ++r) {
      stored_position row;
      row.net = rows.int64(r, 2);
      row.pos.spot_reserved = rows.int64(r, 3);
      row.pos.spot_cost = rows.int64(r, 4);
      row.updated = rows.int64(r, 5);
      row.pos.spot = rows.int64(r, 6);
      row.pos.margin = rows.int64(r, 7);
      row.pos.margin_closing = rows.int64(r, 8);
      row.pos.margin_cost = rows.int64(r, 9);
      row.pos.margin_posted = rows.int64(r, 10);
      row.pos.realized_pnl = rows.int64(r, 11);
      out.emplace(std::pair{static_cast<account_id>(rows.int64(r, 0)), std::string(rows.text(r, 1))}, row);
    }
    return out;
  }

  /// Every account's non-empty positions as its live actor shows them.
  std::map<account_id, std::vector<position_view>> live_positions() {
    std::map<account_id, std::vector<position_view>> out;
    for (account_id id = 1; id <= accounts; ++id)
      for (auto& p :
           ask<account_view>(ex_.where->account(id), caf::get_atom::value, atoms::view::value).positions)
        if (p != value_position(p.symbol, position{}, {}))
          out[id].push_back(std::move(p));
    return out;
  }

  /// The positions table as the same views, each row's net quantity checked.
  std::map<account_id, std::vector<position_view>> table_positions() {
    std::map<account_id, std::vector<position_view>> out;
    for (const auto& [key, row] : stored()) {
      EXPECT_EQ(row.net, shares_counted(row.pos)) << key.first << " " << key.second;
      out[key.first].push_back(value_position(key.second, row.pos, {}));
    }
    return out;
  }

  void expect_table_equals_recovered_accounts() {
    auto recovered = recover_accounts(conn_, table_);
    ASSERT_TRUE(recovered);
    position_table expected;
    for (const auto& [id, st] : recovered->accounts)
      for (const auto& [symbol, pos] : st->acc.positions())
        if (pos != position{})
          expected[{id, symbol}].pos = pos;
    const auto table = stored();
    ASSERT_EQ(table.size(), expected.size());
    for (const auto& [key, row] : table)
      EXPECT_EQ(row.pos, expected.at(key).pos) << "account " << key.first << " " << key.second;
  }

  order_result place_margin(account_id id, std::uint64_t coid, side s, cents price, quantity qty) {
    new_order o;
    o.client_order_id = coid;
    o.symbol = "AAA";
    o.order_side = s;
    o.price = price;
    o.qty = qty;
    o.margin = true;
    return ask<order_result>(ex_.where->account(id), atoms::place::value, o);
  }

  void issue(account_id id, quantity qty) {
    ASSERT_EQ(ask<reason_code>(ex_.where->account(id), atoms::deposit::value, std::string{"AAA"}, qty),
              reason_code::none);
  }
};

TEST_F(position_projector_test, a_buy_a_partial_sell_and_a_short_project_the_accounts_positions) {
  issue(2, 100);
  ASSERT_EQ(place(2, 1, "AAA", side::sell, 10'000, 10).reason, reason_code::none);
  ASSERT_EQ(place(1, 1, "AAA", side::buy, 10'000, 10).reason, reason_code::none); // 1 buys 10
  ASSERT_EQ(place(3, 1, "AAA", side::buy, 10'100, 4).reason, reason_code::none);
  ASSERT_EQ(place(1, 2, "AAA", side::sell, 10'100, 4).reason, reason_code::none); // 1 sells 4 of them
  ASSERT_EQ(place(3, 2, "AAA", side::buy, 9'900, 5).reason, reason_code::none);
  ASSERT_EQ(place_margin(4, 1, side::sell, 9'900, 5).reason, reason_code::none);   // 4 goes short 5
  ASSERT_EQ(place(2, 2, "AAA", side::sell, 10'200, 20).reason, reason_code::none); // rests: 20 reserved
  settled_hashes();

  auto first = projector();
  const auto stats = first.run();
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_FALSE(stats->locked_out);
  EXPECT_EQ(stats->accounts, accounts) << "every account journaled its opening deposit";
  EXPECT_EQ(stats->rebuilt, accounts);
  EXPECT_EQ(stats->diverged, 0);
  EXPECT_GT(stats->events, 0);
  EXPECT_EQ(stats->rows, 4) << "accounts 5 and 6 hold nothing";
  const auto table = stored();
  EXPECT_EQ(table.at({1, "AAA"}).net, 6);
  EXPECT_EQ(table.at({1, "AAA"}).pos.spot_cost, 6 * 10'000);
  EXPECT_EQ(table.at({1, "AAA"}).pos.realized_pnl, 4 * 100);
  EXPECT_EQ(table.at({2, "AAA"}).pos.spot_reserved, 20);
  EXPECT_EQ(table.at({2, "AAA"}).net, 90);
  EXPECT_EQ(table.at({3, "AAA"}).net, 9);
  EXPECT_EQ(table.at({4, "AAA"}).net, -5);
  EXPECT_EQ(table.at({4, "AAA"}).pos.margin_cost, 5 * 9'900);
  EXPECT_GT(table.at({4, "AAA"}).pos.margin_posted, 0);
  EXPECT_EQ(table_positions(), live_positions());
  EXPECT_EQ(count("SELECT count(*) FROM position_projection_cursors c WHERE c.seq <> (SELECT max(seq) FROM "
                  "account_journal j WHERE j.user_id = c.user_id)"),
            0);

  // A re-run finds nothing new and writes nothing.
  const auto again = first.run();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->accounts, 0);
  EXPECT_EQ(again->rows, 0);
  const auto same = stored();
  ASSERT_EQ(same.size(), table.size());
  for (const auto& [key, row] : same)
    EXPECT_EQ(row.updated, table.at(key).updated) << key.first;

  // 1 buys 3 more from 2's resting sell; a new projector (a restart: nothing in memory) continues
  // from the cursors and rewrites only the accounts with new entries.
  ASSERT_EQ(place(1, 3, "AAA", side::buy, 10'200, 3).reason, reason_code::none);
  settled_hashes();
  auto restarted = projector();
  const auto next = restarted.run();
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(next->accounts, 2);
  EXPECT_EQ(next->rebuilt, 2);
  EXPECT_EQ(next->rows, 2);
  const auto after = stored();
  EXPECT_EQ(after.at({1, "AAA"}).net, 9);
  EXPECT_EQ(after.at({1, "AAA"}).pos.spot_cost, 6 * 10'000 + 3 * 10'200);
  EXPECT_EQ(after.at({2, "AAA"}).pos.spot_reserved, 17);
  EXPECT_EQ(after.at({3, "AAA"}).updated, table.at({3, "AAA"}).updated) << "no new entry: not rewritten";
  EXPECT_EQ(after.at({4, "AAA"}).updated, table.at({4, "AAA"}).updated);
  EXPECT_EQ(table_positions(), live_positions());
  expect_table_equals_recovered_accounts();
}

TEST_F(position_projector_test, a_failed_run_writes_nothing_and_the_next_restores_what_it_had_advanced) {
  issue(2, 100);
  ASSERT_EQ(place(2, 1, "AAA", side::sell, 10'000, 10).reason, reason_code::none);
  ASSERT_EQ(place(1, 1, "AAA", side::buy, 10'000, 10).reason, reason_code::none);
  settled_hashes();
  auto kept = projector();
  ASSERT_TRUE(kept.run());
  const auto cursors = count("SELECT sum(seq) FROM position_projection_cursors");
  ASSERT_EQ(stored().at({1, "AAA"}).net, 10);

  ASSERT_EQ(place(2, 2, "AAA", side::sell, 10'000, 5).reason, reason_code::none);
  ASSERT_EQ(place(1, 2, "AAA", side::buy, 10'000, 5).reason, reason_code::none);
  settled_hashes();
  conn_.exec("ALTER TABLE positions ADD CONSTRAINT test_refuses CHECK (quantity < 12) NOT VALID").value();
  const auto failed = kept.run();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, reason_code::persistence_failed);
  EXPECT_EQ(stored().at({1, "AAA"}).net, 10) << "rolled back";
  EXPECT_EQ(count("SELECT sum(seq) FROM position_projection_cursors"), cursors);

  conn_.exec("ALTER TABLE positions DROP CONSTRAINT test_refuses").value();
  const auto retried = kept.run();
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->accounts, 2);
  EXPECT_EQ(retried->rebuilt, 2) << "their states in memory were ahead of their cursors";
  EXPECT_EQ(stored().at({1, "AAA"}).net, 15);
  EXPECT_EQ(table_positions(), live_positions());
}

class position_projector_checkpoint_test : public position_projector_test {
protected:
  position_projector_checkpoint_test() { checkpoint_every_ = 7; }
};

TEST_F(position_projector_checkpoint_test, random_trading_projects_every_account_exactly_across_restarts) {
  auto kept = projector();
  trade(7, 150);
  settled_hashes();
  const auto first = kept.run();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->accounts, accounts);
  EXPECT_EQ(first->diverged, 0);
  EXPECT_EQ(table_positions(), live_positions());
  ASSERT_GT(count("SELECT count(*) FROM account_checkpoints"), 0);

  next_coid_ = 10'000;
  trade(8, 150);
  settled_hashes();
  // The kept projector applies only the new entries from memory; a fresh one restores every
  // account from its latest checkpoint. Both end in the same table.
  const auto incremental = kept.run();
  ASSERT_TRUE(incremental) << incremental.error().message;
  EXPECT_EQ(incremental->rebuilt, 0);
  EXPECT_EQ(incremental->diverged, 0);
  EXPECT_EQ(table_positions(), live_positions());
  const auto table = stored();
  conn_.exec("DELETE FROM position_projection_cursors; DELETE FROM positions").value();
  auto fresh = projector();
  const auto restored = fresh.run();
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->accounts, accounts);
  EXPECT_EQ(restored->rebuilt, accounts);
  EXPECT_EQ(restored->diverged, 0);
  const auto again = stored();
  ASSERT_EQ(again.size(), table.size());
  for (const auto& [key, row] : again)
    EXPECT_EQ(row.pos, table.at(key).pos) << key.first << " " << key.second;
  expect_table_equals_recovered_accounts();
}

TEST_F(position_projector_test, a_run_while_another_projector_holds_the_lock_reads_nothing) {
  issue(2, 10);
  settled_hashes();
  auto other = pg_connection::open(conninfo_).value();
  other.exec("BEGIN").value();
  ASSERT_TRUE(
      other.exec("SELECT pg_try_advisory_xact_lock($1)", position_projector::lock_key).value().boolean(0, 0));
  auto locked = projector();
  const auto stats = locked.run();
  ASSERT_TRUE(stats);
  EXPECT_TRUE(stats->locked_out);
  EXPECT_EQ(count("SELECT count(*) FROM positions"), 0);
  other.exec("ROLLBACK").value();
  const auto unlocked = locked.run();
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(unlocked->rows, 1);
}

} // namespace
} // namespace bourse::test
