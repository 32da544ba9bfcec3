#include "persistence/durability_check.hpp"

#include <gtest/gtest.h>

#include "persistence/batch_writer.hpp"
#include "persistence/book_journal.hpp"
#include "persistence/journal_rows.hpp"
#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

class durability_check_test : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir()));
    // Account 1 rests a bid (id 1), account 2 sells into it: one fill of 40 at 100.00.
    journal({limit(1, 11, side::buy, 100), limit(2, 21, side::sell, 40)});
    auto buyer = std::make_shared<account_actor_state>(1);
    buyer->acc.deposit(1'000'000);
    auto seller = std::make_shared<account_actor_state>(2);
    seller->acc.issue_shares("CHK", 500);
    accounts_ = {{1, buyer}, {2, seller}};
    log_.answers = {{1, 11, "CHK", 1, reason_code::none}, {2, 21, "CHK", 2, reason_code::none}};
    ASSERT_EQ(fill_seqs_.size(), 1u);
    log_.fills = {{1, "CHK", fill_seqs_[0], 10'000, 40}, {2, "CHK", fill_seqs_[0], 10'000, 40}};
    log_.issued = {{"CHK", 500}};
  }

  static book_command limit(account_id owner, std::uint64_t ref, side s, quantity qty) {
    book_command c;
    c.time = 1;
    c.request.owner = owner;
    c.request.client_ref = ref;
    c.request.order_side = s;
    c.request.price = 10'000;
    c.request.qty = qty;
    return c;
  }

  /// Runs `commands` on the book and journals them as the book actor does.
  void journal(std::vector<book_command> commands) {
    journal_tables tables;
    for (auto& c : commands) {
      std::vector<book_event> events;
      execute(book_, c, events);
      for (const auto& e : events)
        if (e.kind == book_event_kind::fill)
          fill_seqs_.push_back(e.seq);
      c.cmd_seq = ++cmd_seq_;
      c.last_seq = book_.last_sequence();
      persist_request request;
      request.symbol = "CHK";
      request.commands = {c};
      request.events = events;
      tables.append(request);
    }
    batch_writer writer{conn_};
    ASSERT_TRUE(writer.write(tables.tables()));
  }

  std::vector<std::string> check() { return check_durability(conn_, log_, accounts_).value(); }

  pg_connection conn_ = pg_connection::open(test::postgres_environment::postgres().create_database()).value();
  order_book book_{[] {
    instrument inst;
    inst.symbol = "CHK";
    inst.reference_price = 10'000;
    return inst;
  }()};
  sequence cmd_seq_ = 0;
  std::vector<sequence> fill_seqs_;
  std::map<account_id, std::shared_ptr<account_actor_state>> accounts_;
  client_log log_;
};

TEST_F(durability_check_test, a_consistent_store_has_no_problems) {
  EXPECT_EQ(check(), std::vector<std::string>{});
}

TEST_F(durability_check_test, an_acknowledged_order_missing_from_the_journal_is_reported) {
  log_.answers.push_back({1, 12, "CHK", 5, reason_code::none});
  log_.answers.push_back({1, 13, "CHK", 0, reason_code::busy}); // retryable: promises nothing
  EXPECT_EQ(check().size(), 1u);
}

TEST_F(durability_check_test, an_acknowledgement_with_another_order_id_is_reported) {
  log_.answers[0].id = 9;
  EXPECT_EQ(check().size(), 1u);
}

TEST_F(durability_check_test, a_fill_not_durable_or_different_is_reported) {
  log_.fills.push_back({1, "CHK", 99, 10'000, 40});
  log_.fills[0].qty = 41;
  EXPECT_EQ(check().size(), 2u);
}

TEST_F(durability_check_test, an_order_submitted_twice_is_reported) {
  auto again = limit(1, 11, side::buy, 100);
  journal({again});
  EXPECT_EQ(check().size(), 1u);
}

TEST_F(durability_check_test, shares_not_conserved_are_reported) {
  accounts_.at(1)->acc.issue_shares("CHK", 1);
  EXPECT_EQ(check().size(), 1u);
  log_.issued["CHK"] = 501;
  EXPECT_EQ(check(), std::vector<std::string>{});
}

} // namespace
} // namespace bourse
