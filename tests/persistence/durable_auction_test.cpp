#include "persistence/auction_recovery.hpp"

#include <chrono>

#include <caf/send.hpp>

#include "actors/auction/account_bank.hpp"
#include "actors/auction/auction_actor.hpp"
#include "tests/persistence/durable_exchange_fixture.hpp"

namespace bourse::test {
namespace {

constexpr timestamp_ns t0 = 1'700'000'000'000'000'000; ///< the lots' UTC time at the first spawn, ns
constexpr timestamp_ns second = 1'000'000'000;
constexpr timestamp_ns hour_ns = 3'600 * second;
constexpr account_id seller = 5;
constexpr account_id ann = 1;
constexpr account_id ben = 2;
constexpr cents cash = 10'000'000; ///< each account's starting cash (durable_exchange_fixture)

/// 40 AAA shares sold by account 5, 5-minute duration and soft close.
lot_definition shares_lot(lot_id id) {
  lot_definition lot;
  lot.id = id;
  lot.title = "AAA block";
  lot.auctioneer = seller;
  lot.seller = seller;
  lot.kind = lot_kind::shares;
  lot.symbol = "AAA";
  lot.qty = 40;
  lot.start_price = 100'000;
  lot.increment = 1'000;
  return lot;
}

/// A painting sold by the house (account 0) for cash only, auctioneer account 5.
lot_definition item_lot(lot_id id) {
  lot_definition lot;
  lot.id = id;
  lot.title = "Painting";
  lot.image_url = "https://example.invalid/painting.jpg";
  lot.auctioneer = seller;
  lot.seller = house_account_id;
  lot.kind = lot_kind::item;
  lot.item_ref = "art-7";
  lot.start_price = 50'000;
  lot.increment = 1'000;
  return lot;
}

/// Auction actors over the trading accounts of a durable exchange, journaled to its PostgreSQL.
class durable_auction_test : public durable_exchange_fixture {
protected:
  void SetUp() override {
    durable_exchange_fixture::SetUp();
    bank_ = spawn_account_bank(sys_, ex_.where);
    ASSERT_EQ(ask<reason_code>(ex_.where->account(seller), atoms::deposit::value, std::string{"AAA"}, issued),
              reason_code::none);
  }

  void TearDown() override {
    stop_lots();
    durable_exchange_fixture::TearDown();
  }

  void stop_lots() {
    for (const auto& h : lots_)
      caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
    lots_.clear();
    caf::anon_send_exit(bank_, caf::exit_reason::user_shutdown);
  }

  /// The actor of `rules` whose clock reads `utc` now.
  auction_actor spawn(std::shared_ptr<auction_rules> rules, timestamp_ns utc) {
    auction_actor_config cfg;
    cfg.persistence = persistence_;
    cfg.utc_at_spawn = utc;
    auto h = spawn_auction(sys_, std::move(rules), bank_, cfg);
    lots_.push_back(h);
    return h;
  }

  /// Stops lots and exchange once their journals are committed and rebuilds both from PostgreSQL as
  /// bourse-node does (holds no lot needs released before the accounts start); the lots' clocks
  /// read `utc`.
  std::map<lot_id, auction_actor> restart_at(timestamp_ns utc) {
    settled_hashes(); // what the lots and accounts were told is durable
    stop_lots();
    shutdown(ex_);
    auto exchange = recover_exchange(conninfo_, table_, {});
    auto recovered = recover_auctions(conn_);
    EXPECT_TRUE(exchange && recovered);
    EXPECT_TRUE(release_stray_holds(conn_, exchange->accounts.accounts, recovered.value()));
    auto cfg = config();
    adopt_recovered(cfg, std::move(*exchange));
    ex_ = build_exchange(sys_, listed_, cfg);
    bank_ = spawn_account_bank(sys_, ex_.where);
    std::map<lot_id, auction_actor> out;
    for (const auto& [id, rules] : recovered.value())
      out.emplace(id, spawn(rules, utc));
    return out;
  }

  template <class T, class... Ts>
  T ask_lot(const auction_actor& lot, Ts... what) {
    T out{};
    self_->request(lot, std::chrono::seconds(30), what...)
        .receive([&](T& reply) { out = std::move(reply); }, [](caf::error&) { FAIL(); });
    return out;
  }

  reason_code bid(const auction_actor& lot, account_id who, cents price) {
    return ask_lot<bid_reply>(lot, auction_atoms::bid::value, who, price).reason;
  }

  account_view view(account_id id) {
    return ask<account_view>(ex_.where->account(id), caf::get_atom::value, atoms::view::value);
  }

  /// Subscribes the test's scoped actor and waits for the lot's ENDED event.
  auction_event wait_ended(const auction_actor& lot) {
    self_->send(lot, atoms::subscribe::value, caf::actor_cast<auction_subscriber>(self_));
    auction_event ended;
    bool done = false;
    while (!done)
      self_->receive([&](const auction_event& ev) { done = (ended = ev).kind == auction_event_kind::ended; },
                     caf::after(std::chrono::seconds(30)) >>
                         [&] {
                           ADD_FAILURE() << "no ENDED event";
                           done = true;
                         });
    return ended;
  }

  /// Cash and AAA shares over every account and the house: nothing created or destroyed.
  void expect_conserved() {
    cents net = 0;
    quantity shares = 0;
    for (account_id id = 1; id <= accounts; ++id) {
      const auto v = view(id);
      net += v.cash_free + v.cash_reserved;
      for (const auto& p : v.positions)
        if (p.symbol == "AAA")
          shares += p.spot + p.spot_reserved + p.margin;
    }
    EXPECT_EQ(net, accounts * cash);
    EXPECT_EQ(shares, issued);
  }

  std::int64_t journaled(const std::string& kind) {
    return count("SELECT count(*) FROM account_journal WHERE kind = '" + kind + "'");
  }

  /// True once `done()` holds, asked again and again for up to 30 s (the bank's releases reach
  /// accounts one hop late, and a settlement waits for several commits: slow under ASan and load).
  template <class Pred>
  bool eventually(Pred done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline)
      if (done())
        return true;
    return false;
  }

  /// `lot` (ann's at 102,000 over ben) is settled: 40 AAA and the price moved, cash conserved.
  void sold_after_restart(const auction_actor& lot) {
    ASSERT_TRUE(eventually(
        [&] { return ask_lot<auction_record>(lot, caf::get_atom::value, atoms::snapshot::value).settled; }));
    const auto rec = ask_lot<auction_record>(lot, caf::get_atom::value, atoms::snapshot::value);
    EXPECT_EQ(rec.settlement, reason_code::none);
    EXPECT_EQ(rec.result.winner, ann);
    EXPECT_EQ(rec.result.price, 102'000);
    const auto buyer = view(ann);
    EXPECT_EQ(buyer.cash_free, cash - 102'000);
    EXPECT_EQ(buyer.auction_held, 0);
    ASSERT_EQ(buyer.positions.size(), 1U);
    EXPECT_EQ(buyer.positions[0].spot, 40);
    const auto sold = view(seller);
    EXPECT_EQ(sold.cash_free, cash + 102'000);
    EXPECT_EQ(sold.positions.at(0).spot, issued - 40);
    EXPECT_EQ(sold.positions.at(0).spot_reserved, 0);
    EXPECT_EQ(view(ben).cash_free, cash);
    expect_conserved();
  }

  auction_bank_actor bank_;
  std::vector<auction_actor> lots_;
};

TEST_F(durable_auction_test, a_bid_holds_cash_on_the_trading_account_and_an_outbid_releases_it) {
  auto lot = spawn(std::make_shared<auction_rules>(shares_lot(1), t0), t0);
  ASSERT_EQ(ask_lot<reason_code>(lot, auction_atoms::start::value, seller), reason_code::none);
  const auto escrowed = view(seller).positions.at(0);
  EXPECT_EQ(escrowed.spot, issued - 40);
  EXPECT_EQ(escrowed.spot_reserved, 40);

  ASSERT_EQ(bid(lot, ann, 100'000), reason_code::none);
  EXPECT_EQ(view(ann).cash_free, cash - 100'000); // less buying power
  EXPECT_EQ(view(ann).auction_held, 100'000);
  EXPECT_EQ(bid(lot, ben, cash + 1), reason_code::insufficient_buying_power);
  ASSERT_EQ(bid(lot, ben, 101'000), reason_code::none);
  EXPECT_EQ(view(ben).auction_held, 101'000);
  EXPECT_TRUE(eventually([&] { return view(ann).auction_held == 0; }));
  EXPECT_EQ(view(ann).cash_free, cash);
  settled_hashes();                // every journal entry committed
  EXPECT_EQ(journaled("HOLD"), 3); // the escrow and two bids
  EXPECT_EQ(journaled("RELEASE_HOLD"), 1);
  expect_conserved();
}

TEST_F(durable_auction_test, a_shares_lot_settles_cash_and_shares_together_after_a_restart_past_its_end) {
  auto lot = spawn(std::make_shared<auction_rules>(shares_lot(1), t0), t0);
  ASSERT_EQ(ask_lot<reason_code>(lot, auction_atoms::start::value, seller), reason_code::none);
  ASSERT_EQ(bid(lot, ann, 100'000), reason_code::none);
  ASSERT_EQ(bid(lot, ben, 101'000), reason_code::none);
  ASSERT_EQ(bid(lot, ann, 102'000), reason_code::none);
  sold_after_restart(restart_at(t0 + hour_ns).at(1));
  settled_hashes();
  EXPECT_EQ(journaled("PAY_HOLD"), 1);
  EXPECT_EQ(journaled("SELL_OUTSIDE_BOOK"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM auction_journal WHERE kind = 'SETTLED'"), 1);
  const auto auction_cash = [&](account_id who) {
    return count("SELECT coalesce(sum(amount), 0) FROM cash_ledger WHERE reason = 'AUCTION' AND user_id = " +
                 std::to_string(who));
  };
  EXPECT_EQ(auction_cash(ann), -102'000);
  EXPECT_EQ(auction_cash(seller), 102'000);
  EXPECT_EQ(auction_cash(ben), 0);
}

TEST_F(durable_auction_test, a_restart_mid_auction_continues_with_its_end_time_and_high_bid) {
  auto lot = spawn(std::make_shared<auction_rules>(shares_lot(1), t0), t0);
  ASSERT_EQ(ask_lot<reason_code>(lot, auction_atoms::start::value, seller), reason_code::none);
  ASSERT_EQ(bid(lot, ann, 100'000), reason_code::none);
  ASSERT_EQ(bid(lot, ben, 101'000), reason_code::none);
  EXPECT_TRUE(eventually([&] { return view(ann).auction_held == 0; }));
  const auto before = ask_lot<auction_record>(lot, caf::get_atom::value, atoms::snapshot::value);

  auto again = restart_at(t0 + 60 * second).at(1);
  const auto after = ask_lot<auction_record>(again, caf::get_atom::value, atoms::snapshot::value);
  EXPECT_EQ(after.state, auction_state::running);
  EXPECT_EQ(after.end_time, before.end_time);
  EXPECT_EQ(after.bids, before.bids);
  EXPECT_EQ(view(ben).auction_held, 101'000); // the high bidder's hold came back with the account
  EXPECT_EQ(view(seller).positions.at(0).spot_reserved, 40);
  EXPECT_EQ(ask_lot<bid_reply>(again, auction_atoms::bid::value, ann, cents{101'000}).reason,
            reason_code::outbid);
  ASSERT_EQ(bid(again, ann, 102'000), reason_code::none);
  EXPECT_TRUE(eventually([&] { return view(ben).auction_held == 0; }));
  expect_conserved();
}

TEST_F(durable_auction_test, a_restart_while_settling_finishes_the_settlement_exactly_once) {
  auto lot = spawn(std::make_shared<auction_rules>(shares_lot(1), t0), t0);
  ASSERT_EQ(ask_lot<reason_code>(lot, auction_atoms::start::value, seller), reason_code::none);
  ASSERT_EQ(bid(lot, ben, 101'000), reason_code::none);
  ASSERT_EQ(bid(lot, ann, 102'000), reason_code::none);
  sold_after_restart(restart_at(t0 + hour_ns).at(1));
  settled_hashes();
  // As if the node died after the buyer paid and before the seller's leg and SETTLED were durable.
  conn_.exec("DELETE FROM auction_journal WHERE kind = 'SETTLED'").value();
  conn_
      .exec("DELETE FROM cash_ledger c USING account_journal j WHERE j.kind = 'SELL_OUTSIDE_BOOK'"
            " AND c.user_id = j.user_id AND c.journal_seq = j.seq")
      .value();
  conn_.exec("DELETE FROM account_journal WHERE kind = 'SELL_OUTSIDE_BOOK'").value();

  auto again = restart_at(t0 + 2 * hour_ns).at(1);
  const auto settling = recover_auctions(conn_).value().at(1);
  EXPECT_TRUE(settling->settling() || settling->record().settled);
  sold_after_restart(again);
  settled_hashes();
  EXPECT_EQ(journaled("PAY_HOLD"), 1); // the buyer's leg was not applied twice
  EXPECT_EQ(journaled("SELL_OUTSIDE_BOOK"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM auction_journal WHERE kind = 'SETTLED'"), 1);
  const auto auction_cash = [&](account_id who) {
    return count("SELECT coalesce(sum(amount), 0) FROM cash_ledger WHERE reason = 'AUCTION' AND user_id = " +
                 std::to_string(who));
  };
  EXPECT_EQ(auction_cash(ann), -102'000);
  EXPECT_EQ(auction_cash(seller), 102'000);
  EXPECT_EQ(auction_cash(ben), 0);
}

TEST_F(durable_auction_test, refused_bids_count_towards_the_rate_limit_after_a_restart) {
  auto lot = spawn(std::make_shared<auction_rules>(shares_lot(1), t0), t0);
  ASSERT_EQ(ask_lot<reason_code>(lot, auction_atoms::start::value, seller), reason_code::none);
  for (std::size_t i = 0; i + 1 < max_bids_per_window; ++i)
    ASSERT_EQ(bid(lot, ben, 500), reason_code::bid_too_low);
  ASSERT_EQ(bid(lot, ann, 100'000), reason_code::none);
  ASSERT_EQ(bid(lot, ben, 100'000), reason_code::outbid); // ben's tenth attempt in the minute
  EXPECT_EQ(bid(lot, ben, 101'000), reason_code::rate_limited);
  settled_hashes();
  EXPECT_EQ(count("SELECT count(*) FROM auction_journal WHERE kind = 'REFUSED'"), 10); // not the limited one

  // 30 s later the ten refused attempts are still inside ben's minute, as they were live.
  auto again = restart_at(t0 + 30 * second).at(1);
  EXPECT_EQ(bid(again, ben, 101'000), reason_code::rate_limited);
  const auto rec = ask_lot<auction_record>(again, caf::get_atom::value, atoms::snapshot::value);
  EXPECT_EQ(rec.recent_bids.at(ben).size(), max_bids_per_window);
  EXPECT_EQ(rec.bids.size(), 1U);
  // A minute after them the limit lets ben bid again.
  auto later = restart_at(t0 + 61 * second).at(1);
  EXPECT_EQ(bid(later, ben, 101'000), reason_code::none);
  expect_conserved();
}

TEST_F(durable_auction_test, an_item_lot_gives_its_winner_one_item_record_also_when_settled_again) {
  auto lot = spawn(std::make_shared<auction_rules>(item_lot(1), t0), t0);
  ASSERT_EQ(ask_lot<reason_code>(lot, auction_atoms::start::value, seller), reason_code::none);
  ASSERT_EQ(bid(lot, ben, 50'000), reason_code::none);
  ASSERT_EQ(bid(lot, ann, 51'000), reason_code::none);
  auto ended = restart_at(t0 + hour_ns).at(1);
  ASSERT_TRUE(eventually(
      [&] { return ask_lot<auction_record>(ended, caf::get_atom::value, atoms::snapshot::value).settled; }));
  settled_hashes();
  const char* items =
      "SELECT count(*) FROM user_items WHERE lot_id = 1 AND owner_id = 1 AND item_ref = 'art-7'"
      " AND title = 'Painting' AND price = 51000";
  EXPECT_EQ(count(items), 1);
  EXPECT_EQ(view(ann).cash_free, cash - 51'000);
  EXPECT_EQ(view(ann).auction_held, 0);

  // As if the node died after the buyer paid and before SETTLED (and with it the item) was durable.
  conn_.exec("DELETE FROM auction_journal WHERE kind = 'SETTLED'").value();
  conn_.exec("DELETE FROM user_items").value();
  auto again = restart_at(t0 + 2 * hour_ns).at(1);
  ASSERT_TRUE(eventually(
      [&] { return ask_lot<auction_record>(again, caf::get_atom::value, atoms::snapshot::value).settled; }));
  settled_hashes();
  EXPECT_EQ(count(items), 1);
  EXPECT_EQ(journaled("PAY_HOLD"), 1); // paid once
  EXPECT_EQ(view(ann).cash_free, cash - 51'000);
  EXPECT_EQ(view(ben).cash_free, cash);
}

TEST_F(durable_auction_test, holds_that_no_lot_needs_are_released_at_recovery) {
  auto lot = spawn(std::make_shared<auction_rules>(shares_lot(1), t0), t0);
  ASSERT_EQ(ask_lot<reason_code>(lot, auction_atoms::start::value, seller), reason_code::none);
  ASSERT_EQ(bid(lot, ann, 100'000), reason_code::none);
  ASSERT_EQ(bid(lot, ben, 101'000), reason_code::none);
  EXPECT_TRUE(eventually([&] { return view(ann).auction_held == 0; }));
  // A hold on a lot that never became durable.
  ASSERT_EQ(ask<reason_code>(ex_.where->account(3), atoms::hold::value, std::uint64_t{77}, std::string{},
                             std::int64_t{5'000}),
            reason_code::none);
  settled_hashes();
  // As if the node died before ann's release was durable.
  conn_.exec("DELETE FROM account_journal WHERE kind = 'RELEASE_HOLD'").value();

  restart_at(t0 + 60 * second);
  EXPECT_EQ(view(ann).auction_held, 0);
  EXPECT_EQ(view(3).auction_held, 0);
  EXPECT_EQ(view(ben).auction_held, 101'000); // the high bidder keeps it
  EXPECT_EQ(view(seller).positions.at(0).spot_reserved, 40);
  EXPECT_EQ(journaled("RELEASE_HOLD"), 2);
  expect_conserved();
}

} // namespace
} // namespace bourse::test
