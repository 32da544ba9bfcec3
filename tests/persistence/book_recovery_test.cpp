#include "persistence/book_recovery.hpp"

#include <gtest/gtest.h>

#include "persistence/batch_writer.hpp"
#include "persistence/book_snapshot_codec.hpp"
#include "persistence/journal_rows.hpp"
#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"
#include "tests/support/book_command_gen.hpp"

namespace bourse {
namespace {

instrument test_rules() {
  instrument rules;
  rules.symbol = "TST";
  rules.tick_size = 5;
  rules.lot_size = 10;
  rules.min_quantity = 10;
  rules.max_quantity = 100'000;
  rules.reference_price = 10'000;
  return rules;
}

/// The journal form of one generated command.
book_command journaled(const testing::book_command& c) {
  using k = testing::book_command::kind;
  book_command out;
  out.time = c.now;
  out.request = c.request;
  out.id = c.id;
  out.requester = c.who;
  out.price = c.price;
  out.qty = c.qty;
  switch (c.what) {
  case k::submit:
    out.kind = book_command_kind::submit;
    break;
  case k::cancel:
    out.kind = book_command_kind::cancel;
    break;
  case k::replace:
    out.kind = book_command_kind::replace;
    break;
  case k::cancel_all:
    out.kind = book_command_kind::cancel_all;
    out.reason = reason_code::cancelled_by_user;
    break;
  case k::expire:
    out.kind = book_command_kind::expire;
    break;
  case k::end_of_day:
    out.kind = book_command_kind::end_of_day;
    break;
  case k::halt:
    out.kind = book_command_kind::halt;
    out.halted = c.price != 0;
    break;
  case k::reference:
    out.kind = book_command_kind::reference;
    break;
  }
  return out;
}

class book_recovery_test : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir())); }

  /// Runs `commands` generated commands on `live_` as the book actor does, journaling each, and a
  /// snapshot every `snapshot_every` commands (none with 0).
  void run_live(int commands, int snapshot_every = 0) {
    testing::book_command_gen gen{11, rules_};
    journal_tables tables;
    batch_writer writer{conn_};
    std::vector<book_event> events;
    for (int n = 1; n <= commands; ++n) {
      auto command = journaled(gen.next());
      events.clear();
      const auto id = execute(live_.book, command, events);
      gen.observe(events);
      command.cmd_seq = static_cast<sequence>(n);
      command.last_seq = live_.book.last_sequence();
      if (command.kind == book_command_kind::submit)
        live_.replies.try_emplace({command.request.owner, command.request.client_ref},
                                  book_reply{id, submit_verdict(events)});
      if (command.kind == book_command_kind::end_of_day)
        forget_closed_replies(live_);
      persist_request request;
      request.symbol = rules_.symbol;
      request.commands = {command};
      request.events = events;
      live_.journaled = command.cmd_seq;
      if (snapshot_every > 0 && n % snapshot_every == 0)
        request.book_snapshots = {
            book_snapshot_record{rules_.symbol, command.cmd_seq, encode_book_snapshot(live_)}};
      tables.append(request);
      if (n % 2'000 == 0 || n == commands) {
        ASSERT_TRUE(writer.write(tables.tables()));
        tables.clear();
      }
    }
  }

  /// Expects `recovered` to equal `live_`: book, state hash, journaled command and every reply.
  void expect_live(const book_state& recovered) {
    EXPECT_EQ(recovered.book.state_hash(), live_.book.state_hash());
    EXPECT_EQ(recovered.book.snapshot(), live_.book.snapshot());
    EXPECT_EQ(recovered.journaled, live_.journaled);
    ASSERT_EQ(recovered.replies.size(), live_.replies.size());
    for (const auto& [key, reply] : live_.replies) {
      auto it = recovered.replies.find(key);
      ASSERT_NE(it, recovered.replies.end());
      EXPECT_EQ(it->second.id, reply.id);
      EXPECT_EQ(it->second.reason, reply.reason);
    }
  }

  std::shared_ptr<book_state> recover() {
    auto books = recover_books(conn_, instruments_);
    EXPECT_TRUE(books) << books.error().message;
    if (!books || books->size() != 1)
      return nullptr;
    return books->begin()->second;
  }

  std::int64_t count(const std::string& sql) { return conn_.exec(sql).value().int64(0, 0); }

  pg_connection conn_ = pg_connection::open(test::postgres_environment::postgres().create_database()).value();
  instrument rules_ = test_rules();
  instrument_table instruments_{{rules_.symbol, rules_}};
  book_state live_{rules_};
};

TEST_F(book_recovery_test, replayed_journal_rebuilds_the_same_state_hash_and_replies) {
  run_live(20'000);
  ASSERT_GT(live_.book.open_order_count(), 0u);
  auto recovered = recover();
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->book.state_hash(), live_.book.state_hash());
  EXPECT_EQ(recovered->book.snapshot(), live_.book.snapshot());
  EXPECT_EQ(recovered->journaled, 20'000u);
  ASSERT_EQ(recovered->replies.size(), live_.replies.size());
  for (const auto& [key, reply] : live_.replies) {
    auto it = recovered->replies.find(key);
    ASSERT_NE(it, recovered->replies.end());
    EXPECT_EQ(it->second.id, reply.id);
    EXPECT_EQ(it->second.reason, reply.reason);
  }
}

TEST_F(book_recovery_test, a_gap_in_the_journal_ends_the_replay_before_it) {
  run_live(300);
  ASSERT_TRUE(conn_.exec("DELETE FROM book_commands WHERE cmd_seq = 200"));
  auto recovered = recover();
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->journaled, 199u);
}

TEST_F(book_recovery_test, a_command_that_replays_to_another_sequence_is_persistence_failed) {
  run_live(50);
  ASSERT_TRUE(conn_.exec("UPDATE book_commands SET last_seq = last_seq + 1 WHERE cmd_seq = 30"));
  auto books = recover_books(conn_, instruments_);
  ASSERT_FALSE(books);
  EXPECT_EQ(books.error().code, reason_code::persistence_failed);
}

TEST_F(book_recovery_test, a_journal_of_an_unknown_symbol_is_persistence_failed) {
  run_live(10);
  auto books = recover_books(conn_, instrument_table{});
  ASSERT_FALSE(books);
  EXPECT_EQ(books.error().code, reason_code::persistence_failed);
}

TEST_F(book_recovery_test, a_snapshot_and_the_commands_after_it_rebuild_the_live_book) {
  run_live(20'000, 3'000);
  ASSERT_EQ(count("SELECT count(*) FROM book_snapshots"), 6);
  // The commands the latest snapshot covers are not needed: recovery must start from it.
  ASSERT_TRUE(conn_.exec("DELETE FROM book_commands WHERE cmd_seq <= 18000"));
  auto recovered = recover();
  ASSERT_TRUE(recovered);
  expect_live(*recovered);
  // Only the two latest snapshots are kept once one was used.
  EXPECT_EQ(count("SELECT count(*) FROM book_snapshots"), 2);
  EXPECT_EQ(count("SELECT min(cmd_seq) FROM book_snapshots"), 15'000);
}

TEST_F(book_recovery_test, a_snapshot_with_nothing_after_it_is_the_book) {
  run_live(4'000, 2'000);
  ASSERT_TRUE(conn_.exec("DELETE FROM book_commands"));
  auto recovered = recover_book(conn_, rules_);
  ASSERT_TRUE(recovered);
  expect_live(**recovered);
}

TEST_F(book_recovery_test, an_unusable_latest_snapshot_falls_back_to_the_whole_journal) {
  run_live(9'000, 4'000);
  ASSERT_EQ(count("SELECT max(cmd_seq) FROM book_snapshots"), 8'000);
  const std::vector<std::string> damage{
      // a flipped byte (checksum), an unknown version, a row that names another command
      "UPDATE book_snapshots SET state = set_byte(state, length(state) / 2, get_byte(state, length(state) / "
      "2) # "
      "16) WHERE cmd_seq = 8000",
      "UPDATE book_snapshots SET state = set_byte(state, 4, 99) WHERE cmd_seq = 8000",
      "UPDATE book_snapshots SET cmd_seq = 8001 WHERE cmd_seq = 8000",
  };
  ASSERT_TRUE(conn_.exec("CREATE TABLE written AS SELECT * FROM book_snapshots"));
  for (const auto& sql : damage) {
    ASSERT_TRUE(conn_.exec("DELETE FROM book_snapshots; INSERT INTO book_snapshots SELECT * FROM written"));
    ASSERT_TRUE(conn_.exec(sql)) << sql;
    auto recovered = recover();
    ASSERT_TRUE(recovered) << sql;
    expect_live(*recovered);
  }
}

TEST_F(book_recovery_test,
       a_snapshot_the_commands_after_it_do_not_replay_on_falls_back_to_the_whole_journal) {
  run_live(5'000, 0);
  // A well-formed image of an empty book claiming command 3000: command 3001 does not replay on it.
  book_state wrong{rules_};
  wrong.journaled = 3'000;
  journal_tables tables;
  persist_request request;
  request.book_snapshots = {book_snapshot_record{rules_.symbol, 3'000, encode_book_snapshot(wrong)}};
  tables.append(request);
  ASSERT_TRUE(batch_writer{conn_}.write(tables.tables()));
  auto recovered = recover();
  ASSERT_TRUE(recovered);
  expect_live(*recovered);
}

TEST(book_snapshot_codec, an_image_decodes_to_the_state_it_was_taken_from) {
  instrument rules = test_rules();
  book_state st{rules};
  std::vector<book_event> events;
  auto submit = [&](account_id owner, std::uint64_t ref, side s, order_type type, cents price, cents stop,
                    quantity qty, quantity display) {
    order_request r{owner, ref, s, type, time_in_force::gtc, price, stop, qty, display};
    events.clear();
    const auto id = st.book.submit(r, 1, events);
    st.replies.try_emplace({owner, ref}, book_reply{id, submit_verdict(events)});
  };
  submit(1, 1, side::buy, order_type::limit, 9'900, 0, 100, 0);
  submit(2, 2, side::buy, order_type::limit, 9'900, 0, 300, 50); // iceberg behind it
  submit(3, 3, side::sell, order_type::limit, 10'100, 0, 200, 0);
  submit(4, 4, side::sell, order_type::limit, 9'900, 0, 120, 0); // trades
  submit(5, 5, side::sell, order_type::stop, 0, 9'500, 40, 0);   // waits
  submit(6, 6, side::buy, order_type::limit, 9'901, 0, 10, 0);   // rejected: tick
  st.book.set_reference_price(10'050);
  st.book.set_halted(true);
  st.journaled = 7;
  const auto image = encode_book_snapshot(st);
  auto back = decode_book_snapshot(image, rules);
  ASSERT_TRUE(back);
  EXPECT_EQ((*back)->book.snapshot(), st.book.snapshot());
  EXPECT_EQ((*back)->book.state_hash(), st.book.state_hash());
  EXPECT_EQ((*back)->journaled, 7u);
  EXPECT_EQ((*back)->replies.size(), 6u);
  EXPECT_EQ((*back)->replies.at({6, 6}).reason, reason_code::off_tick);
  EXPECT_EQ((*back)->replies.at({3, 3}).id, st.replies.at({3, 3}).id);
  EXPECT_EQ((*back)->book.rules().reference_price, 10'050);
}

TEST(book_snapshot_codec, damaged_truncated_and_unknown_versions_are_rejected) {
  book_state st{test_rules()};
  std::vector<book_event> events;
  st.book.submit(order_request{1, 1, side::buy, order_type::limit, time_in_force::gtc, 9'900, 0, 100}, 1,
                 events);
  st.replies.try_emplace({1, 1}, book_reply{1, reason_code::none});
  const auto image = encode_book_snapshot(st);
  auto flipped = image;
  flipped[image.size() / 2] ^= 0x10;
  auto version = image;
  version[4] = static_cast<char>(book_snapshot_version + 1);
  for (const auto& bad : {flipped, version, image.substr(0, image.size() - 1), image + "x",
                          std::string{"BRBK"}, std::string{}}) {
    const auto decoded = decode_book_snapshot(bad, test_rules());
    ASSERT_FALSE(decoded);
    EXPECT_EQ(decoded.error().code, reason_code::persistence_failed);
  }
}

} // namespace
} // namespace bourse
