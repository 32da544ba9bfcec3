#include "persistence/book_snapshot_codec.hpp"

#include "persistence/checkpoint_store.hpp"
#include "tests/persistence/durable_exchange_fixture.hpp"

namespace bourse::test {
namespace {

/// A whole exchange whose book actors write a snapshot every 25 journaled commands.
class book_snapshot_test : public durable_exchange_fixture {
protected:
  book_snapshot_test() { snapshot_every_ = 25; }

  /// The state hash of every running book actor, by symbol.
  std::map<std::string, std::uint64_t> book_hashes() {
    std::map<std::string, std::uint64_t> out;
    for (const auto& s : symbols)
      self_->request(ex_.where->book(s), std::chrono::seconds(30), caf::get_atom::value, atoms::hash::value)
          .receive([&](std::uint64_t hash) { out[s] = hash; }, [](caf::error&) { FAIL(); });
    return out;
  }

  /// The bytes of the snapshot of `symbol` at `cmd_seq`.
  std::string image(const std::string& symbol, std::int64_t cmd_seq) {
    auto row = conn_
                   .exec("SELECT encode(state, 'hex') FROM book_snapshots WHERE symbol = $1 AND cmd_seq = $2",
                         symbol, cmd_seq)
                   .value();
    std::string bytes;
    const auto hex = row.text(0, 0);
    for (std::size_t i = 0; i < hex.size(); i += 2)
      bytes.push_back(static_cast<char>(std::stoi(std::string{hex.substr(i, 2)}, nullptr, 16)));
    return bytes;
  }
};

TEST_F(book_snapshot_test, every_snapshot_equals_the_replay_of_the_commands_it_covers) {
  trade(7, 300);
  settled_hashes();
  auto rows = conn_.exec("SELECT symbol, cmd_seq FROM book_snapshots ORDER BY symbol, cmd_seq").value();
  ASSERT_GT(rows.rows(), static_cast<int>(2 * symbols.size()));
  for (int row = 0; row < rows.rows(); ++row) {
    const std::string symbol{rows.text(row, 0)};
    const auto cmd_seq = rows.int64(row, 1);
    EXPECT_EQ(cmd_seq % 25, 0) << symbol;
    auto snapshot = decode_book_snapshot(image(symbol, cmd_seq), table_.at(symbol));
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    const auto& st = **snapshot;
    EXPECT_EQ(st.journaled, static_cast<sequence>(cmd_seq));
    // Written only after its commands were durable: the journal holds 1..cmd_seq without a gap.
    const auto journal = load_book_journal(conn_, symbol).value();
    ASSERT_GE(journal.size(), static_cast<std::size_t>(cmd_seq));
    book_state replayed{table_.at(symbol)};
    ASSERT_TRUE(replay_book(replayed, std::span{journal}.first(static_cast<std::size_t>(cmd_seq))));
    EXPECT_EQ(st.book.snapshot(), replayed.book.snapshot()) << symbol << " at " << cmd_seq;
    EXPECT_EQ(st.book.state_hash(), replayed.book.state_hash());
    ASSERT_EQ(st.replies.size(), replayed.replies.size());
    for (const auto& [key, reply] : replayed.replies) {
      const auto it = st.replies.find(key);
      ASSERT_NE(it, st.replies.end());
      EXPECT_EQ(it->second.id, reply.id);
      EXPECT_EQ(it->second.reason, reply.reason);
    }
  }
}

TEST_F(book_snapshot_test, a_restart_starts_each_book_from_its_latest_snapshot_and_trading_goes_on) {
  trade(9, 300);
  const auto accounts_before = settled_hashes();
  const auto books_before = book_hashes();
  for (const auto& s : symbols)
    ASSERT_GE(count("SELECT count(*) FROM book_snapshots WHERE symbol = '" + s + "'"), 3) << s;
  const auto recovered = restart();
  EXPECT_EQ(book_hashes(), books_before);
  EXPECT_EQ(settled_hashes(), accounts_before);
  // Recovery keeps the two latest snapshots of a book it started from a snapshot.
  for (const auto& s : symbols)
    EXPECT_EQ(count("SELECT count(*) FROM book_snapshots WHERE symbol = '" + s + "'"), 2) << s;
  // The restarted books go on journaling and snapshotting from the recovered command numbers.
  trade(10, 200);
  settled_hashes();
  const auto books_after = book_hashes();
  EXPECT_NE(books_after, books_before);
  restart();
  EXPECT_EQ(book_hashes(), books_after);
}

TEST_F(book_snapshot_test, no_snapshot_is_written_after_a_failed_journal_request) {
  book_state st{stock("AAA")};
  st.journaled = 25;
  book_snapshot_schedule failing{persistence_, 25, 0};
  auto first = failing.due(st);
  ASSERT_TRUE(first);
  failing.acked(false, std::move(first));
  st.journaled = 50;
  EXPECT_FALSE(failing.due(st));
  book_snapshot_schedule working{persistence_, 25, 0};
  auto written = working.due(st);
  ASSERT_TRUE(written);
  EXPECT_FALSE(working.due(st)); // nothing new since
  working.acked(true, std::move(written));
  settled_hashes(); // waits until the persistence actor has nothing pending
  EXPECT_EQ(count("SELECT count(*) FROM book_snapshots WHERE symbol = 'AAA'"), 1);
  EXPECT_EQ(count("SELECT max(cmd_seq) FROM book_snapshots WHERE symbol = 'AAA'"), 50);
}

} // namespace
} // namespace bourse::test
