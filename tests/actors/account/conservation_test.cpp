#include "actors/account/ledger.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "actors/book/order_book.hpp"
#include "tests/actors/account/account_fixture.hpp"

namespace bourse {
namespace {

constexpr account_id accounts = 12;

/// Random orders from many accounts go through pre-trade risk, the real order book, and back into
/// the ledger; after every step cash and shares are conserved and every open reservation matches
/// the book and covers what its order can still cost.
class conservation : public ::testing::TestWithParam<unsigned> {
protected:
  void SetUp() override {
    inst_.maker_fee_bps = 2;
    inst_.taker_fee_bps = 7;
    for (account_id id = 1; id <= accounts; ++id) {
      ledger_.open(id, risk_limits{.max_position = 5'000, .max_open_orders = 20});
      ASSERT_EQ(ledger_.deposit(id, 10'000'000), reason_code::none);
      ASSERT_EQ(ledger_.issue_shares(id, inst_.symbol, 1'000), reason_code::none);
    }
  }

  void submit(std::mt19937_64& rng, account_id owner) {
    std::uniform_int_distribution<int> pct(0, 99);
    order_request req{.owner = owner, .client_ref = next_ref_++};
    req.order_side = pct(rng) < 50 ? side::buy : side::sell;
    const int kind = pct(rng);
    req.type = kind < 10 ? order_type::market : order_type::limit;
    req.tif = req.type == order_type::market || kind < 25 ? time_in_force::ioc : time_in_force::gtc;
    if (req.type == order_type::limit)
      req.price = std::uniform_int_distribution<cents>(950, 1'050)(rng);
    req.qty = std::uniform_int_distribution<quantity>(1, 300)(rng);
    const bool margin = pct(rng) < 35;
    if (ledger_.place(inst_, req, margin) != reason_code::none)
      return;
    ++placed_;
    events_.clear();
    const order_id id = book_.submit(req, now_, events_);
    if (id != 0)
      ids_[{owner, req.client_ref}] = id;
    apply_events();
  }

  void cancel(std::mt19937_64& rng, account_id owner) {
    const auto& open = ledger_.find(owner)->open_orders();
    if (open.empty())
      return;
    auto it = open.begin();
    std::advance(it, std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(rng));
    events_.clear();
    book_.cancel(ids_.at({owner, it->first}), owner, now_, events_);
    apply_events();
  }

  /// Re-prices and re-sizes a random open order: the account holds for the new order first, the book
  /// then replaces (or refuses) it and its events settle the reservation.
  void replace(std::mt19937_64& rng, account_id owner) {
    account& acc = *ledger_.find(owner);
    const auto& open = acc.open_orders();
    if (open.empty())
      return;
    auto it = open.begin();
    std::advance(it, std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(rng));
    const std::uint64_t ref = it->first;
    const cents price = std::uniform_int_distribution<cents>(950, 1'050)(rng);
    const quantity qty = std::uniform_int_distribution<quantity>(1, 300)(rng);
    if (acc.prepare_replace(inst_, ref, price, qty) != reason_code::none)
      return;
    ASSERT_NO_FATAL_FAILURE(check_invariants());
    ++replaced_;
    events_.clear();
    book_.replace(ids_.at({owner, ref}), owner, price, qty, now_, events_);
    apply_events();
    ASSERT_EQ(acc.find_order(ref) == nullptr || acc.find_order(ref)->replace_price == 0, true);
  }

  void deliver(std::mt19937_64& rng, account_id owner) {
    account& acc = *ledger_.find(owner);
    const quantity qty = std::uniform_int_distribution<quantity>(1, 50)(rng);
    const position* pos = acc.find_position(inst_.symbol);
    const reason_code why =
        pos != nullptr && pos->margin > 0 ? acc.take_delivery(inst_, qty) : acc.deliver_shares(inst_, qty);
    deliveries_ += why == reason_code::none ? 1 : 0;
  }

  void apply_events() {
    for (const book_event& e : events_) {
      ASSERT_EQ(ledger_.apply(inst_, e), reason_code::none) << "event kind " << static_cast<int>(e.kind);
      fills_ += e.kind == book_event_kind::fill ? 1 : 0;
    }
  }

  void check_invariants() {
    ASSERT_EQ(ledger_.cash_imbalance(), 0);
    ASSERT_EQ(ledger_.share_imbalance(inst_.symbol), 0);
    std::size_t open_orders = 0;
    for (const auto& [id, acc] : ledger_.accounts()) {
      cents reserved = 0;
      for (const auto& [ref, r] : acc.open_orders()) {
        const auto resting = book_.find(ids_.at({id, ref}));
        ASSERT_TRUE(resting.has_value());
        ASSERT_EQ(resting->open_qty, r.open_qty);
        ASSERT_GE(r.cash, *required_cash(r));
        reserved += r.cash;
      }
      open_orders += acc.open_orders().size();
      ASSERT_EQ(reserved, acc.reserved_cash());
      cents borrowed = 0;
      cents proceeds = 0;
      cents posted = 0;
      for (const auto& [symbol, pos] : acc.positions()) {
        ASSERT_GE(pos.spot, 0);
        ASSERT_GE(pos.spot_reserved, 0);
        ASSERT_GE(pos.margin_closing, 0);
        ASSERT_LE(pos.margin_closing, pos.margin < 0 ? -pos.margin : pos.margin);
        (pos.margin > 0 ? borrowed : proceeds) += pos.margin_cost;
        posted += pos.margin_posted;
        margin_seen_ += pos.margin != 0 ? 1 : 0;
      }
      ASSERT_EQ(borrowed, acc.borrowed_cash());
      ASSERT_EQ(proceeds, acc.short_proceeds());
      ASSERT_EQ(posted, acc.posted_margin());
    }
    ASSERT_EQ(open_orders, book_.open_order_count());
  }

  instrument inst_ = test::omni();
  ledger ledger_;
  order_book book_{test::omni()};
  std::vector<book_event> events_;
  std::map<std::pair<account_id, std::uint64_t>, order_id> ids_;
  std::uint64_t next_ref_ = 1;
  timestamp_ns now_ = 1'000'000'000;
  std::size_t placed_ = 0;
  std::size_t fills_ = 0;
  std::size_t deliveries_ = 0;
  std::size_t replaced_ = 0;
  std::size_t margin_seen_ = 0;
};

TEST_P(conservation, holds_after_every_step) {
  book_ = order_book{inst_};
  std::mt19937_64 rng{GetParam()};
  std::uniform_int_distribution<account_id> who(1, accounts);
  std::uniform_int_distribution<int> pct(0, 99);
  for (int step = 0; step < 20'000; ++step) {
    const account_id owner = who(rng);
    const int action = pct(rng);
    if (action < 60)
      submit(rng, owner);
    else if (action < 80)
      cancel(rng, owner);
    else if (action < 95)
      replace(rng, owner);
    else
      deliver(rng, owner);
    now_ += 1'000;
    ASSERT_NO_FATAL_FAILURE(check_invariants()) << "step " << step;
  }
  EXPECT_GT(placed_, 5'000U);
  EXPECT_GT(fills_, 1'000U);
  EXPECT_GT(deliveries_, 50U);
  EXPECT_GT(replaced_, 1'000U);
  EXPECT_GT(margin_seen_, 10'000U);
  EXPECT_GT(ledger_.house().free_cash(), 0);
  std::printf("placed %zu, fills %zu, replaced %zu, deliveries %zu, house fees %lld cents\n", placed_, fills_,
              replaced_, deliveries_, static_cast<long long>(ledger_.house().free_cash()));
}

INSTANTIATE_TEST_SUITE_P(seeds, conservation, ::testing::Values(1U, 2U, 3U, 42U));

} // namespace
} // namespace bourse
