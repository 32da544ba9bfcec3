#include "actors/auction/auction_rules.hpp"

#include <gtest/gtest.h>

#include "tests/actors/auction/lot_fixture.hpp"

namespace bourse {
namespace {

using test::auctioneer_id;
using test::sample_lot;
using test::second_ns;
using test::t0;

/// A sample lot started at t0 (ends at t0 + 5 min).
auction_rules running(lot_definition lot = sample_lot()) {
  auction_rules rules{std::move(lot), t0 - second_ns};
  EXPECT_EQ(rules.start(auctioneer_id, t0), reason_code::none);
  return rules;
}

TEST(auction_lot, validation_rejects_incomplete_lots) {
  EXPECT_EQ(validate_lot(sample_lot()), reason_code::none);
  auto bad = [](auto change) {
    lot_definition lot = sample_lot();
    change(lot);
    return validate_lot(lot);
  };
  EXPECT_EQ(bad([](auto& l) { l.title.clear(); }), reason_code::invalid_lot);
  EXPECT_EQ(bad([](auto& l) { l.increment = 0; }), reason_code::invalid_lot);
  EXPECT_EQ(bad([](auto& l) { l.start_price = 0; }), reason_code::invalid_lot);
  EXPECT_EQ(bad([](auto& l) { l.qty = 0; }), reason_code::invalid_lot);
  EXPECT_EQ(bad([](auto& l) { l.reserve_price = -1; }), reason_code::invalid_lot);
  EXPECT_EQ(bad([](auto& l) { l.extension_ns = 0; }), reason_code::invalid_lot);
  EXPECT_EQ(bad([](auto& l) { l.brackets.push_back({.from_price = 4'000, .increment = 50}); }),
            reason_code::invalid_lot);
  EXPECT_EQ(bad([](auto& l) { l.kind = lot_kind::item; }), reason_code::invalid_lot);
  EXPECT_EQ(bad([](auto& l) {
              l.kind = lot_kind::item;
              l.item_ref = "horse-7";
            }),
            reason_code::none);
}

TEST(auction_lot, increment_follows_brackets) {
  lot_definition lot = sample_lot();
  lot.brackets.push_back({.from_price = 10'000, .increment = 1'000});
  EXPECT_EQ(increment_at(lot, 1'000), 100);
  EXPECT_EQ(increment_at(lot, 4'999), 100);
  EXPECT_EQ(increment_at(lot, 5'000), 500);
  EXPECT_EQ(increment_at(lot, 9'999), 500);
  EXPECT_EQ(increment_at(lot, 10'000), 1'000);
}

TEST(auction_rules, first_bid_needs_the_start_price_then_the_increment) {
  auto rules = running();
  EXPECT_EQ(rules.min_next_bid(), 1'000);
  EXPECT_EQ(rules.place_bid(1, 999, t0).reason, reason_code::bid_too_low);
  EXPECT_EQ(rules.place_bid(1, 1'000, t0).reason, reason_code::none);
  EXPECT_EQ(rules.min_next_bid(), 1'100);
  EXPECT_EQ(rules.place_bid(2, 1'000, t0).reason, reason_code::outbid);
  EXPECT_EQ(rules.place_bid(2, 1'099, t0).reason, reason_code::bid_too_low);
  const auto out = rules.place_bid(2, 1'100, t0);
  EXPECT_EQ(out.reason, reason_code::none);
  EXPECT_EQ(out.previous_bidder, 1u);
  EXPECT_EQ(out.previous_price, 1'000);
  ASSERT_NE(rules.high(), nullptr);
  EXPECT_EQ(rules.high()->bidder, 2u);
  EXPECT_EQ(rules.record().bids.size(), 2u);
}

TEST(auction_rules, bracket_raises_the_increment) {
  auto rules = running();
  EXPECT_EQ(rules.place_bid(1, 4'950, t0).reason, reason_code::none);
  EXPECT_EQ(rules.min_next_bid(), 5'050);
  EXPECT_EQ(rules.place_bid(2, 5'050, t0).reason, reason_code::none);
  EXPECT_EQ(rules.min_next_bid(), 5'550);
  EXPECT_EQ(rules.place_bid(1, 5'549, t0).reason, reason_code::bid_too_low);
  EXPECT_EQ(rules.place_bid(1, 5'550, t0).reason, reason_code::none);
}

TEST(auction_rules, bids_only_while_running) {
  auction_rules rules{sample_lot(), t0};
  EXPECT_EQ(rules.place_bid(1, 1'000, t0).reason, reason_code::auction_not_running);
  ASSERT_EQ(rules.start(auctioneer_id, t0), reason_code::none);
  const timestamp_ns end = rules.end_time();
  EXPECT_EQ(end, t0 + five_minutes_ns);
  EXPECT_EQ(rules.place_bid(1, 1'000, end).reason, reason_code::auction_not_running);
  EXPECT_EQ(rules.place_bid(1, 1'000, end - 1).reason, reason_code::none);
}

TEST(auction_rules, self_outbid_is_refused_unless_allowed) {
  auto rules = running();
  ASSERT_EQ(rules.place_bid(1, 1'000, t0).reason, reason_code::none);
  EXPECT_EQ(rules.place_bid(1, 2'000, t0).reason, reason_code::self_outbid);
  lot_definition lot = sample_lot();
  lot.allow_self_outbid = true;
  auto relaxed = running(lot);
  ASSERT_EQ(relaxed.place_bid(1, 1'000, t0).reason, reason_code::none);
  const auto out = relaxed.place_bid(1, 2'000, t0);
  EXPECT_EQ(out.reason, reason_code::none);
  EXPECT_EQ(out.previous_bidder, 1u);
}

TEST(auction_rules, ten_bids_per_minute_per_user) {
  lot_definition lot = sample_lot();
  lot.allow_self_outbid = true;
  lot.duration_ns = 10 * five_minutes_ns;
  auto rules = running(lot);
  cents price = 1'000;
  for (int i = 0; i < 10; ++i, price += 100)
    ASSERT_EQ(rules.place_bid(1, price, t0 + i * second_ns).reason, reason_code::none) << i;
  EXPECT_EQ(rules.place_bid(1, price, t0 + 59 * second_ns).reason, reason_code::rate_limited);
  EXPECT_EQ(rules.place_bid(2, price, t0 + 59 * second_ns).reason, reason_code::none); // per user
  price += 100;
  EXPECT_EQ(rules.place_bid(1, price, t0 + 60 * second_ns).reason, reason_code::none); // first one aged out
}

TEST(auction_rules, refused_attempts_count_towards_the_rate_limit) {
  auto rules = running();
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(rules.place_bid(1, 1, t0).reason, reason_code::bid_too_low);
  EXPECT_EQ(rules.place_bid(1, 1'000, t0).reason, reason_code::rate_limited);
}

TEST(auction_rules, soft_close_extends_only_inside_the_window) {
  lot_definition lot = sample_lot();
  lot.duration_ns = 10 * 60 * second_ns;
  lot.extension_window_ns = 2 * 60 * second_ns;
  lot.extension_ns = 3 * 60 * second_ns;
  auto rules = running(lot);
  const timestamp_ns end = t0 + lot.duration_ns;
  const timestamp_ns boundary = end - lot.extension_window_ns; // exactly the window left: no extension
  auto out = rules.place_bid(1, 1'000, boundary);
  EXPECT_FALSE(out.extended);
  EXPECT_EQ(rules.end_time(), end);
  out = rules.place_bid(2, 1'100, boundary + 1); // one ns less than the window left
  EXPECT_TRUE(out.extended);
  EXPECT_EQ(rules.end_time(), boundary + 1 + lot.extension_ns);
}

TEST(auction_rules, extension_never_moves_the_end_earlier) {
  lot_definition lot = sample_lot();
  lot.extension_ns = 60 * second_ns; // shorter than the 5-minute window
  auto rules = running(lot);
  const timestamp_ns end = rules.end_time();
  const auto out = rules.place_bid(1, 1'000, end - 4 * 60 * second_ns);
  EXPECT_FALSE(out.extended);
  EXPECT_EQ(rules.end_time(), end);
  EXPECT_TRUE(rules.place_bid(2, 1'100, end - 30 * second_ns).extended);
  EXPECT_EQ(rules.end_time(), end + 30 * second_ns);
}

TEST(auction_rules, closes_exactly_at_the_end_with_winner_and_price) {
  auto rules = running();
  ASSERT_EQ(rules.place_bid(1, 1'000, t0).reason, reason_code::none);
  ASSERT_EQ(rules.place_bid(2, 1'100, t0 + second_ns).reason, reason_code::none);
  const timestamp_ns end = rules.end_time();
  EXPECT_FALSE(rules.close(end - 1).has_value());
  EXPECT_EQ(rules.state(), auction_state::running);
  const auto result = rules.close(end);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result,
            (auction_result{.sold = true, .winner = 2, .price = 1'100, .reason = reason_code::none}));
  EXPECT_EQ(rules.state(), auction_state::ended);
  EXPECT_FALSE(rules.close(end).has_value());
  EXPECT_EQ(rules.place_bid(3, 5'000, end).reason, reason_code::auction_not_running);
}

TEST(auction_rules, no_sale_under_the_reserve_or_without_bids) {
  lot_definition lot = sample_lot();
  lot.reserve_price = 1'200;
  auto rules = running(lot);
  ASSERT_EQ(rules.place_bid(1, 1'100, t0).reason, reason_code::none);
  const auto under = rules.close(rules.end_time());
  ASSERT_TRUE(under.has_value());
  EXPECT_FALSE(under->sold);
  EXPECT_EQ(under->reason, reason_code::reserve_not_met);
  EXPECT_EQ(under->price, 1'100);

  auto at_reserve = running(lot);
  ASSERT_EQ(at_reserve.place_bid(1, 1'200, t0).reason, reason_code::none);
  EXPECT_TRUE(at_reserve.close(at_reserve.end_time())->sold);

  auto empty = running();
  const auto none = empty.close(empty.end_time());
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->sold);
  EXPECT_EQ(none->winner, 0u);
  EXPECT_EQ(none->reason, reason_code::none);
}

TEST(auction_rules, start_and_cancel_belong_to_the_auctioneer) {
  auction_rules rules{sample_lot(), t0};
  EXPECT_EQ(rules.start(1, t0), reason_code::forbidden);
  EXPECT_EQ(rules.cancel(1, t0), reason_code::forbidden);
  EXPECT_EQ(rules.cancel(auctioneer_id, t0), reason_code::none); // scheduled, no bids
  EXPECT_EQ(rules.state(), auction_state::cancelled);
  EXPECT_EQ(rules.start(auctioneer_id, t0), reason_code::auction_not_scheduled);
  EXPECT_EQ(rules.cancel(auctioneer_id, t0), reason_code::auction_not_running);

  auto started = running();
  EXPECT_EQ(started.start(auctioneer_id, t0), reason_code::auction_not_scheduled);
  ASSERT_EQ(started.place_bid(1, 1'000, t0).reason, reason_code::none);
  EXPECT_EQ(started.cancel(auctioneer_id, t0), reason_code::auction_has_bids);
  EXPECT_EQ(started.state(), auction_state::running);

  auto unbid = running();
  EXPECT_EQ(unbid.cancel(auctioneer_id, t0), reason_code::none);
}

TEST(auction_rules, audit_trail_records_every_action) {
  lot_definition lot = sample_lot();
  lot.extension_window_ns = 60 * second_ns;
  auction_rules rules{lot, t0 - 2};
  ASSERT_EQ(rules.start(auctioneer_id, t0 - 1), reason_code::none);
  rules.place_bid(1, 500, t0);
  rules.place_bid(1, 1'000, t0 + 1);
  rules.refuse_bid(2, 1'100, t0 + 2, reason_code::insufficient_buying_power);
  rules.cancel(auctioneer_id, t0 + 3);
  const timestamp_ns end = t0 - 1 + five_minutes_ns;
  rules.place_bid(2, 1'100, end - 1); // extends
  rules.close(end - 1 + five_minutes_ns);
  const auto& a = rules.record().audit;
  ASSERT_EQ(a.size(), 9u);
  EXPECT_EQ(a[0].action, audit_action::created);
  EXPECT_EQ(a[1].action, audit_action::start);
  EXPECT_EQ(a[1].end_time, end);
  EXPECT_EQ(a[2].reason, reason_code::bid_too_low);
  EXPECT_EQ(a[3].action, audit_action::bid);
  EXPECT_EQ(a[3].reason, reason_code::none);
  EXPECT_EQ(a[3].price, 1'000);
  EXPECT_EQ(a[4].reason, reason_code::insufficient_buying_power);
  EXPECT_EQ(a[5].action, audit_action::cancel);
  EXPECT_EQ(a[5].reason, reason_code::auction_has_bids);
  EXPECT_EQ(a[6].action, audit_action::bid);
  EXPECT_EQ(a[6].who, 2u);
  EXPECT_EQ(a[7].action, audit_action::extended);
  EXPECT_EQ(a[7].end_time, end - 1 + five_minutes_ns);
  EXPECT_EQ(a[8].action, audit_action::ended);
  EXPECT_EQ(a[8].who, 2u);
  EXPECT_EQ(a[8].price, 1'100);
}

TEST(auction_rules, restores_from_its_record) {
  auto rules = running();
  ASSERT_EQ(rules.place_bid(1, 1'000, t0).reason, reason_code::none);
  auction_rules restored{rules.record()};
  EXPECT_EQ(restored.record(), rules.record());
  EXPECT_EQ(restored.place_bid(2, 1'050, t0 + 1).reason, reason_code::bid_too_low);
  EXPECT_EQ(restored.place_bid(2, 1'100, t0 + 1).reason, reason_code::none);
  EXPECT_EQ(restored.close(restored.end_time())->winner, 2u);
}

} // namespace
} // namespace bourse
