// Order history and executions read back from the tables a journaling exchange wrote.
#include "net/store/pg_history_store.hpp"

#include <map>

#include "tests/persistence/durable_exchange_fixture.hpp"

namespace bourse::test {
namespace {

constexpr account_id buyer = 1;
constexpr account_id seller = 2;

class pg_history_store_test : public durable_exchange_fixture {
protected:
  /// The buyer: a bid partly filled by the seller, a cancelled bid and a post-only bid the book
  /// rejects; the seller's ask rests.
  void SetUp() override {
    durable_exchange_fixture::SetUp();
    ASSERT_EQ(
        ask<reason_code>(ex_.where->account(seller), atoms::deposit::value, std::string{"AAA"}, quantity{20}),
        reason_code::none);
    ASSERT_EQ(place(buyer, 11, "AAA", side::buy, 10'000, 10).reason, reason_code::none);
    ASSERT_EQ(place(seller, 21, "AAA", side::sell, 10'000, 4).reason, reason_code::none);
    ASSERT_EQ(place(buyer, 12, "AAA", side::buy, 9'900, 5).reason, reason_code::none);
    ASSERT_EQ(ask<order_result>(ex_.where->account(buyer), atoms::cancel::value, std::string{"AAA"},
                                std::uint64_t{12})
                  .reason,
              reason_code::none);
    ASSERT_EQ(place(seller, 22, "AAA", side::sell, 10'100, 3).reason, reason_code::none);
    new_order post_only;
    post_only.client_order_id = 13;
    post_only.symbol = "AAA";
    post_only.price = 10'100;
    post_only.qty = 1;
    post_only.post_only = true;
    ASSERT_EQ(ask<order_result>(ex_.where->account(buyer), atoms::place::value, post_only).reason,
              reason_code::post_only_would_cross);
    settled_hashes();
  }

  net::history_query of(account_id id, std::string status = "ALL") {
    net::history_query q;
    q.account = id;
    q.status = std::move(status);
    return q;
  }

  net::pg_link link_{conninfo_};
  net::pg_history_store store_{link_};
};

TEST_F(pg_history_store_test, each_side_of_a_fill_reads_as_its_own_execution) {
  const auto bought = store_.executions(of(buyer));
  ASSERT_EQ(bought.size(), 1U);
  EXPECT_EQ(bought[0].symbol, "AAA");
  EXPECT_EQ(bought[0].side, "BUY");
  EXPECT_EQ(bought[0].liquidity, "MAKER");
  EXPECT_EQ(bought[0].client_order_id, 11U);
  EXPECT_EQ(bought[0].price, 10'000);
  EXPECT_EQ(bought[0].qty, 4);
  const auto sold = store_.executions(of(seller));
  ASSERT_EQ(sold.size(), 1U);
  EXPECT_EQ(sold[0].side, "SELL");
  EXPECT_EQ(sold[0].liquidity, "TAKER");
  EXPECT_EQ(sold[0].client_order_id, 21U);
  EXPECT_EQ(sold[0].seq, bought[0].seq);
  EXPECT_EQ(bought[0].fee, 0) << "makers pay no fee on AAA";
  EXPECT_EQ(sold[0].fee, 20) << "5 bps of 4 x 100.00";
  auto other_symbol = of(buyer);
  other_symbol.symbol = "BBB";
  EXPECT_TRUE(store_.executions(other_symbol).empty());
  auto older = of(buyer);
  older.before = bought[0].time;
  EXPECT_TRUE(store_.executions(older).empty());
}

TEST_F(pg_history_store_test, orders_read_back_with_status_fills_and_open_quantity_newest_first) {
  const auto orders = store_.orders(of(buyer));
  ASSERT_EQ(orders.size(), 3U);
  EXPECT_EQ(orders[0].client_order_id, 13U);
  EXPECT_EQ(orders[0].status, "REJECTED");
  EXPECT_EQ(orders[0].reason, "POST_ONLY_WOULD_CROSS");
  EXPECT_EQ(orders[1].client_order_id, 12U);
  EXPECT_EQ(orders[1].status, "CANCELED");
  EXPECT_EQ(orders[1].filled, 0);
  EXPECT_EQ(orders[1].open_qty, 0);
  EXPECT_EQ(orders[2].client_order_id, 11U);
  EXPECT_EQ(orders[2].status, "OPEN");
  EXPECT_EQ(orders[2].qty, 10);
  EXPECT_EQ(orders[2].filled, 4);
  EXPECT_EQ(orders[2].open_qty, 6);
  const auto seller_orders = store_.orders(of(seller));
  ASSERT_EQ(seller_orders.size(), 2U);
  EXPECT_EQ(seller_orders[1].status, "FILLED");
  EXPECT_EQ(seller_orders[1].filled, 4);
  ASSERT_EQ(store_.orders(of(buyer, "CANCELED")).size(), 1U);
  EXPECT_EQ(store_.orders(of(buyer, "OPEN")).size(), 1U);
  EXPECT_TRUE(store_.orders(of(buyer, "EXPIRED")).empty());
}

TEST_F(pg_history_store_test, a_refused_cancel_or_replace_is_neither_an_order_nor_its_latest_state) {
  const auto before = store_.orders(of(seller));
  ASSERT_EQ(before.size(), 2U);
  ASSERT_EQ(before[0].client_order_id, 22U);
  // Straight to the book, which journals a REJECTED event with the order's id for each refusal.
  const auto ask_book = [&](auto... what) {
    auto reason = reason_code::internal_error;
    self_->request(ex_.where->book("AAA"), std::chrono::seconds(30), what...)
        .receive([&](reason_code r) { reason = r; }, [](caf::error&) {});
    return reason;
  };
  EXPECT_EQ(ask_book(atoms::replace::value, before[0].order, seller, cents{10'100}, quantity{0}),
            reason_code::invalid_quantity);
  EXPECT_EQ(ask_book(atoms::cancel::value, order_id{999'999}, seller), reason_code::unknown_order);
  settled_hashes();
  ASSERT_EQ(count("SELECT count(*) FROM book_events WHERE kind = 'REJECTED' AND order_id <> 0"), 2);
  const auto after = store_.orders(of(seller));
  ASSERT_EQ(after.size(), 2U) << "refusals are not orders";
  EXPECT_EQ(after[0].client_order_id, 22U);
  EXPECT_EQ(after[0].status, "OPEN");
  EXPECT_EQ(after[0].open_qty, 3);
  EXPECT_EQ(after[0].price, 10'100);
  EXPECT_EQ(after[1].status, "FILLED");
}

TEST_F(pg_history_store_test, the_ledger_reads_back_each_cash_movement_newest_first) {
  const auto sold = store_.executions(of(seller));
  ASSERT_EQ(sold.size(), 1U);
  const auto ledger = store_.ledger(of(seller));
  ASSERT_EQ(ledger.size(), 3U);
  EXPECT_EQ(ledger[2].reason, "DEPOSIT");
  EXPECT_EQ(ledger[2].symbol, "");
  EXPECT_EQ(ledger[2].book_seq, 0U);
  std::map<std::string, cents> by_reason;
  for (const auto& row : ledger)
    by_reason[row.reason] += row.amount;
  EXPECT_EQ(by_reason["TRADE"], 40'000);
  EXPECT_EQ(by_reason["FEE"], -20);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(ledger[i].symbol, "AAA");
    EXPECT_EQ(ledger[i].book_seq, sold[0].seq);
    EXPECT_GE(ledger[i].journal_seq, ledger[2].journal_seq);
  }
  const auto bought = store_.ledger(of(buyer));
  ASSERT_EQ(bought.size(), 2U) << "the deposit and the trade; reservations are not cash movements";
  EXPECT_EQ(bought[0].reason, "TRADE");
  EXPECT_EQ(bought[0].amount, -40'000);
  auto other_symbol = of(seller);
  other_symbol.symbol = "BBB";
  EXPECT_TRUE(store_.ledger(other_symbol).empty());
}

} // namespace
} // namespace bourse::test
