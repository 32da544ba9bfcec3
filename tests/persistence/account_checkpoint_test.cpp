#include "persistence/account_checkpoint.hpp"

#include "persistence/book_event_rows.hpp"
#include "persistence/checkpoint_store.hpp"
#include "tests/persistence/durable_exchange_fixture.hpp"

namespace bourse::test {
namespace {

/// A state with something in every part of the image.
account_actor_state busy_state() {
  account_actor_state st{42};
  EXPECT_EQ(st.acc.deposit(5'000'000), reason_code::none);
  EXPECT_EQ(st.acc.issue_shares("AAA", 100), reason_code::none);
  EXPECT_EQ(
      st.acc.place(stock("AAA"),
                   order_request{42, 7, side::sell, order_type::limit, time_in_force::gtc, 10'100, 0, 30},
                   false),
      reason_code::none);
  EXPECT_EQ(st.acc.set_hold(9, 1'000), reason_code::none);
  EXPECT_EQ(st.acc.hold_shares(9, "AAA", 5), reason_code::none);
  st.acc.set_state(risk_state::reducing);
  st.results.record(3, order_result{3, "BBB", 77, reason_code::insufficient_buying_power});
  st.results.record(1, order_result{1, "AAA", 0, reason_code::off_tick}); // restored in this order
  st.orders.emplace(7, account_actor_state::order_info{"AAA", 12});
  st.applied.emplace("AAA", 19);
  st.journaled = 23;
  st.auctions_settled.insert(4);
  st.house_credited = 321;
  return st;
}

TEST(account_checkpoint_codec, an_image_decodes_to_the_state_it_was_taken_from) {
  const auto st = busy_state();
  const auto image = encode_checkpoint(st);
  auto back = decode_checkpoint(image);
  ASSERT_TRUE(back);
  EXPECT_EQ(encode_checkpoint(*back), image);
  EXPECT_EQ(state_hash(back->acc), state_hash(st.acc));
  EXPECT_EQ(back->results, st.results);
  EXPECT_EQ(back->applied, st.applied);
  EXPECT_EQ(back->acc.held(9), 1'000);
  EXPECT_EQ(back->acc.held_shares(9), 5);
  EXPECT_EQ(back->house_credited, 321);
}

TEST(account_checkpoint_codec, damaged_truncated_and_unknown_versions_are_rejected) {
  const auto image = encode_checkpoint(busy_state());
  auto flipped = image;
  flipped[image.size() / 2] ^= 0x10;
  auto version = image;
  version[4] = static_cast<char>(checkpoint_version + 1);
  for (const auto& bad :
       {flipped, version, image.substr(0, image.size() - 1), image + "x", std::string{"BRCK"}}) {
    const auto decoded = decode_checkpoint(bad);
    ASSERT_FALSE(decoded);
    EXPECT_EQ(decoded.error().code, reason_code::persistence_failed);
  }
}

class account_checkpoint_test : public durable_exchange_fixture {
protected:
  account_checkpoint_test() { checkpoint_every_ = 20; }

  /// Every account's state after replaying its whole journal (no checkpoint) up to `last` entries.
  account_actor_state replay(account_id id, sequence last) {
    book_event_log events;
    for (const auto& s : symbols)
      events.emplace(s, load_book_events(conn_, s, 0).value());
    const auto journals = load_account_journals(conn_).value();
    const auto& journal = journals.at(id);
    EXPECT_GE(journal.size(), last);
    account_actor_state st{id};
    house_state house;
    EXPECT_TRUE(replay_account(st, table_, std::span{journal}.first(last), events, house));
    return st;
  }
};

TEST_F(account_checkpoint_test, every_checkpoint_equals_the_replay_of_the_entries_it_covers) {
  trade(7, 400);
  settled_hashes();
  auto rows = conn_.exec("SELECT user_id, seq FROM account_checkpoints ORDER BY user_id, seq").value();
  ASSERT_GT(rows.rows(), static_cast<int>(accounts));
  for (int row = 0; row < rows.rows(); ++row) {
    const auto id = static_cast<account_id>(rows.int64(row, 0));
    const auto seq = static_cast<sequence>(rows.int64(row, 1));
    auto image =
        conn_
            .exec("SELECT encode(state, 'hex') FROM account_checkpoints WHERE user_id = $1 AND seq = $2",
                  rows.int64(row, 0), rows.int64(row, 1))
            .value();
    std::string bytes;
    const auto hex = image.text(0, 0);
    for (std::size_t i = 0; i < hex.size(); i += 2)
      bytes.push_back(static_cast<char>(std::stoi(std::string{hex.substr(i, 2)}, nullptr, 16)));
    auto checkpoint = decode_checkpoint(bytes);
    ASSERT_TRUE(checkpoint) << checkpoint.error().message;
    EXPECT_EQ(checkpoint->journaled, seq);
    // Written only after its entries were durable: the journal holds 1..seq without a gap.
    EXPECT_EQ(count("SELECT count(*) FROM account_journal WHERE user_id = " + std::to_string(id) +
                    " AND seq <= " + std::to_string(seq)),
              static_cast<std::int64_t>(seq));
    const auto replayed = replay(id, seq);
    EXPECT_EQ(encode_checkpoint(replayed), bytes) << "account " << id << " seq " << seq;
  }
}

TEST_F(account_checkpoint_test, checkpoint_and_tail_give_the_live_state_and_the_full_replay) {
  trade(11, 400);
  const auto before = settled_hashes();
  ASSERT_GT(count("SELECT count(*) FROM account_checkpoints"), 0);
  auto from_checkpoints = recover_accounts(conn_, table_);
  ASSERT_TRUE(from_checkpoints);
  conn_.exec("DELETE FROM account_checkpoints").value();
  auto full = recover_accounts(conn_, table_);
  ASSERT_TRUE(full);
  ASSERT_EQ(from_checkpoints->accounts.size(), static_cast<std::size_t>(accounts));
  for (const auto& [id, st] : from_checkpoints->accounts) {
    EXPECT_EQ(state_hash(st->acc), before.at(id)) << "account " << id;
    EXPECT_EQ(encode_checkpoint(*st), encode_checkpoint(*full->accounts.at(id))) << "account " << id;
  }
  EXPECT_EQ(from_checkpoints->house->acc.net_cash(), full->house->acc.net_cash());
  EXPECT_GT(full->house->acc.net_cash(), 0);
  // The restarted node runs on them and keeps trading and checkpointing from there.
  const auto recovered = restart();
  EXPECT_EQ(settled_hashes(), before);
  trade(12, 100);
  const auto after = settled_hashes();
  const auto again = restart();
  for (const auto& [id, st] : again.accounts)
    EXPECT_EQ(state_hash(st->acc), after.at(id)) << "account " << id;
}

TEST_F(account_checkpoint_test, an_unreadable_checkpoint_is_skipped_and_the_whole_journal_replayed) {
  trade(13, 300);
  const auto before = settled_hashes();
  // Account 1's latest checkpoint damaged, account 2's of an unknown version.
  conn_
      .exec("UPDATE account_checkpoints c SET state = set_byte(state, length(state) / 2,"
            " get_byte(state, length(state) / 2) # 16) WHERE user_id = 1 AND seq = (SELECT max(seq) FROM"
            " account_checkpoints WHERE user_id = 1)")
      .value();
  conn_
      .exec("UPDATE account_checkpoints c SET state = set_byte(state, 4, 99) WHERE user_id = 2 AND seq ="
            " (SELECT max(seq) FROM account_checkpoints WHERE user_id = 2)")
      .value();
  const auto latest = load_latest_checkpoints(conn_).value();
  for (account_id id : {1, 2}) {
    const auto decoded = decode_checkpoint(latest.at(id).state);
    ASSERT_FALSE(decoded);
    EXPECT_EQ(decoded.error().code, reason_code::persistence_failed);
  }
  const auto recovered = restart();
  for (const auto& [id, st] : recovered.accounts)
    EXPECT_EQ(state_hash(st->acc), before.at(id)) << "account " << id;
}

TEST_F(account_checkpoint_test, no_checkpoint_is_written_after_a_failed_journal_request) {
  account_actor_state st{5};
  st.journaled = 20;
  checkpoint_schedule failing{persistence_, 20, 0};
  auto first = failing.due(st);
  ASSERT_TRUE(first);
  failing.acked(false, std::move(first));
  st.journaled = 40;
  EXPECT_FALSE(failing.due(st));
  failing.passivating(st);
  checkpoint_schedule working{persistence_, 20, 0};
  auto written = working.due(st);
  ASSERT_TRUE(written);
  EXPECT_FALSE(working.due(st)); // nothing new since
  working.acked(true, std::move(written));
  settled_hashes(); // waits until the persistence actor has nothing pending
  EXPECT_EQ(count("SELECT count(*) FROM account_checkpoints WHERE user_id = 5"), 1);
  EXPECT_EQ(count("SELECT max(seq) FROM account_checkpoints WHERE user_id = 5"), 40);
}

} // namespace
} // namespace bourse::test
