#include "actors/account/pending_submits.hpp"

#include <gtest/gtest.h>

namespace bourse::testing {
namespace {

using namespace std::chrono_literals;
using time_point = pending_submits::time_point;

const time_point t0{std::chrono::seconds(100)};

/// A submit of `ref` whose callback appends the result it gets to `out`.
void add(pending_submits& p, std::uint64_t ref, std::vector<order_result>& out, time_point now,
         std::optional<std::chrono::nanoseconds>* arm = nullptr) {
  auto delay = p.add(
      order_result{ref, "AAA", 0, reason_code::none}, [&out](order_result r) { out.push_back(std::move(r)); },
      now);
  if (arm != nullptr)
    *arm = delay;
}

TEST(pending_submits, only_the_first_submit_arms_the_timer) {
  pending_submits p{2s};
  std::vector<order_result> out;
  std::optional<std::chrono::nanoseconds> first;
  std::optional<std::chrono::nanoseconds> second;
  add(p, 1, out, t0, &first);
  add(p, 2, out, t0 + 1s, &second);
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 2s);
  EXPECT_FALSE(second);
  EXPECT_EQ(p.size(), 2u);
}

TEST(pending_submits, an_answered_submit_is_taken_and_does_not_expire) {
  pending_submits p{2s};
  std::vector<order_result> out;
  add(p, 1, out, t0);
  add(p, 2, out, t0);
  auto taken = p.take(1);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken.front().result.client_order_id, 1u);
  EXPECT_TRUE(p.take(1).empty());
  auto expiry = p.tick(t0 + 2s);
  ASSERT_EQ(expiry.expired.size(), 1u);
  EXPECT_EQ(expiry.expired.front().result.client_order_id, 2u);
  EXPECT_FALSE(expiry.next);
  EXPECT_EQ(p.size(), 0u);
  EXPECT_TRUE(out.empty()); // the callbacks belong to the caller now
}

TEST(pending_submits, a_tick_expires_only_past_deadlines_and_names_the_next_one) {
  pending_submits p{2s};
  std::vector<order_result> out;
  add(p, 1, out, t0);
  add(p, 2, out, t0 + 500ms);
  add(p, 3, out, t0 + 1500ms);
  auto expiry = p.tick(t0 + 2s);
  ASSERT_EQ(expiry.expired.size(), 1u);
  EXPECT_EQ(expiry.expired.front().result.client_order_id, 1u);
  ASSERT_TRUE(expiry.next);
  EXPECT_EQ(*expiry.next, 500ms);
  expiry = p.tick(t0 + 3600ms);
  EXPECT_EQ(expiry.expired.size(), 2u);
  EXPECT_FALSE(expiry.next);
  std::optional<std::chrono::nanoseconds> arm;
  add(p, 4, out, t0 + 4s, &arm);
  EXPECT_TRUE(arm) << "no timer is armed once nothing waits";
}

TEST(pending_submits, a_resend_while_waiting_is_a_second_waiter_of_the_same_answer) {
  pending_submits p{2s};
  std::vector<order_result> out;
  add(p, 7, out, t0);
  add(p, 7, out, t0 + 1s);
  auto taken = p.take(7);
  ASSERT_EQ(taken.size(), 2u);
  for (auto& waiter : taken)
    waiter.done(waiter.result);
  EXPECT_EQ(out.size(), 2u);
  EXPECT_EQ(p.size(), 0u);
}

} // namespace
} // namespace bourse::testing
