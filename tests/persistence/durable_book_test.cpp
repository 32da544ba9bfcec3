#include "actors/book/book_actor.hpp"

#include <future>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <gtest/gtest.h>

#include "actors/runtime/message_types.hpp"
#include "persistence/book_recovery.hpp"
#include "persistence/migrations.hpp"
#include "persistence/persistence_actor.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

struct system_config : caf::actor_system_config {
  system_config() {
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
  }
};

instrument stock() {
  instrument inst;
  inst.symbol = "DUR";
  inst.reference_price = 10'000;
  return inst;
}

order_request limit(account_id owner, std::uint64_t ref, side s, cents price, quantity qty) {
  order_request r;
  r.owner = owner;
  r.client_ref = ref;
  r.order_side = s;
  r.price = price;
  r.qty = qty;
  return r;
}

/// A book actor journaling to a private PostgreSQL through the persistence actor.
class durable_book_test : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir()));
    persistence_config pc;
    pc.commit.conninfo = conninfo_;
    persistence_ = spawn_persistence(sys_, pc);
  }

  void TearDown() override {
    caf::anon_send_exit(persistence_, caf::exit_reason::user_shutdown);
    for (auto& b : books_)
      caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
  }

  book_actor start(std::shared_ptr<book_state> state) {
    book_actor_config cfg;
    cfg.persistence = persistence_;
    cfg.expiry_interval = std::chrono::hours(1);
    books_.push_back(spawn_book(sys_, std::move(state), where_, cfg));
    return books_.back();
  }

  /// Sends `r` to `book` with this test standing in for the owner's account.
  void send_submit(const book_actor& book, const order_request& r) {
    where_->put_account(r.owner, caf::actor_cast<account_actor>(self_));
    self_->send(book, atoms::submit::value, r);
  }

  /// The book's answer to the submit of `client_ref`: the order's ACCEPTED or REJECTED report, or
  /// the book's explicit answer (busy, a resend).
  book_reply await_answer(std::uint64_t client_ref) {
    book_reply out{0, reason_code::internal_error};
    for (bool answered = false; !answered;)
      self_->receive(
          [&](atoms::submit, std::uint64_t ref, book_reply& reply) {
            answered = ref == client_ref;
            out = reply;
          },
          [&](atoms::report, std::vector<execution_report>& reports) {
            for (const auto& r : reports) {
              const auto& e = r.event;
              if (e.client_ref != client_ref ||
                  (e.kind != book_event_kind::accepted && e.kind != book_event_kind::rejected))
                continue;
              answered = true;
              out = book_reply{e.kind == book_event_kind::accepted ? e.order : 0, e.reason};
            }
          },
          caf::after(std::chrono::seconds(30)) >>
              [&] {
                ADD_FAILURE() << "no answer to " << client_ref;
                answered = true;
              });
    return out;
  }

  book_reply submit(const book_actor& book, const order_request& r) {
    send_submit(book, r);
    return await_answer(r.client_ref);
  }

  std::uint64_t hash(const book_actor& book) {
    std::uint64_t out = 0;
    self_->request(book, std::chrono::seconds(30), caf::get_atom::value, atoms::hash::value)
        .receive([&](std::uint64_t h) { out = h; }, [](caf::error&) { FAIL(); });
    return out;
  }

  std::int64_t count(const std::string& sql) { return conn_.exec(sql).value().int64(0, 0); }

  std::string conninfo_ = test::postgres_environment::postgres().create_database();
  pg_connection conn_ = pg_connection::open(conninfo_).value();
  system_config cfg_;
  caf::actor_system sys_{cfg_};
  caf::scoped_actor self_{sys_};
  persistence_actor persistence_;
  std::shared_ptr<placement> where_ = std::make_shared<placement>();
  std::vector<book_actor> books_;
  instrument_table instruments_{{"DUR", stock()}};
};

TEST_F(durable_book_test, replies_leave_after_the_journal_and_recovery_gives_the_same_hash) {
  auto live = std::make_shared<book_state>(stock());
  auto book = start(live);
  const auto bid = submit(book, limit(1, 11, side::buy, 10'000, 100));
  EXPECT_EQ(bid.reason, reason_code::none);
  // The reply arrived, so the command and its ACCEPTED event are durable.
  EXPECT_EQ(count("SELECT count(*) FROM book_commands WHERE symbol = 'DUR' AND kind = 'SUBMIT'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM book_events WHERE symbol = 'DUR' AND kind = 'ACCEPTED'"), 1);
  const auto ask = submit(book, limit(2, 21, side::sell, 10'000, 40));
  EXPECT_EQ(ask.reason, reason_code::none);
  EXPECT_EQ(count("SELECT count(*) FROM executions WHERE symbol = 'DUR' AND quantity = 40"), 1);
  EXPECT_EQ(submit(book, limit(2, 22, side::sell, 10'001, 40)).reason, reason_code::none);
  EXPECT_EQ(submit(book, limit(3, 31, side::buy, 1, 40)).reason, reason_code::outside_price_band);
  const auto before = hash(book);
  auto books = recover_books(conn_, instruments_);
  ASSERT_TRUE(books);
  ASSERT_EQ(books->count("DUR"), 1u);
  EXPECT_EQ(books->at("DUR")->book.state_hash(), before);
  EXPECT_EQ(books->at("DUR")->journaled, 4u);
}

TEST_F(durable_book_test, a_resend_after_a_restart_gets_the_first_reply_and_is_not_a_second_order) {
  auto book = start(std::make_shared<book_state>(stock()));
  const auto first = submit(book, limit(1, 11, side::buy, 10'000, 100));
  ASSERT_EQ(first.reason, reason_code::none);
  auto books = recover_books(conn_, instruments_);
  ASSERT_TRUE(books);
  auto restarted = start(books->at("DUR"));
  const auto again = submit(restarted, limit(1, 11, side::buy, 10'000, 100));
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.reason, reason_code::none);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands WHERE symbol = 'DUR'"), 1);
  EXPECT_EQ(submit(restarted, limit(1, 12, side::buy, 10'000, 100)).id, first.id + 1);
  EXPECT_EQ(count("SELECT max(cmd_seq) FROM book_commands WHERE symbol = 'DUR'"), 2);
}

TEST_F(durable_book_test, a_slow_store_turns_new_orders_away_with_busy_and_tells_nothing_early) {
  std::promise<void> release;
  auto released = release.get_future().share();
  persistence_config pc;
  pc.commit.conninfo = conninfo_;
  pc.fault = [released](commit_stage stage, std::uint64_t, pg_connection&) {
    if (stage == commit_stage::before_write)
      released.wait();
    return false;
  };
  auto slow = spawn_persistence(sys_, pc);
  book_actor_config cfg;
  cfg.persistence = slow;
  cfg.max_unjournaled = 1;
  cfg.expiry_interval = std::chrono::hours(1);
  books_.push_back(spawn_book(sys_, std::make_shared<book_state>(stock()), where_, cfg));
  auto book = books_.back();
  send_submit(book, limit(1, 11, side::buy, 10'000, 100));
  EXPECT_EQ(submit(book, limit(1, 12, side::buy, 10'000, 100)).reason, reason_code::busy);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands"), 0);
  release.set_value();
  EXPECT_EQ(await_answer(11).reason, reason_code::none);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands"), 1);
  EXPECT_EQ(submit(book, limit(1, 12, side::buy, 10'000, 100)).reason, reason_code::none);
  caf::anon_send_exit(slow, caf::exit_reason::user_shutdown);
}

} // namespace
} // namespace bourse
