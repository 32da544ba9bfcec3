#include "actors/book/report_outbox.hpp"

#include <gtest/gtest.h>

namespace bourse::testing {
namespace {

execution_report report(sequence seq) {
  execution_report r;
  r.symbol = "AAA";
  r.event.seq = seq;
  return r;
}

/// Adds a report of each sequence for `owner`, in order, for destination 1.
void add_all(report_outbox& box, account_id owner, std::initializer_list<sequence> seqs) {
  for (sequence s : seqs) {
    auto r = report(s);
    box.add(owner, r, 1);
  }
}

std::vector<sequence> sequences(const std::vector<execution_report>& reports) {
  std::vector<sequence> out;
  for (const auto& r : reports)
    out.push_back(r.event.seq);
  return out;
}

TEST(report_outbox, reports_chain_to_their_predecessor_and_one_timer_is_armed) {
  report_outbox box;
  auto first = report(3);
  auto second = report(8);
  const auto a = box.add(7, first, 1);
  const auto b = box.add(7, second, 1);
  EXPECT_TRUE(a.send);
  EXPECT_TRUE(a.arm_timer);
  EXPECT_TRUE(b.send);
  EXPECT_FALSE(b.arm_timer);
  EXPECT_EQ(first.after, 0u);
  EXPECT_EQ(second.after, 3u);
  EXPECT_EQ(box.unacknowledged(), 2u);
}

TEST(report_outbox, a_cumulative_ack_forgets_everything_through_it) {
  report_outbox box;
  add_all(box, 7, {2, 4, 6});
  box.acknowledge(7, 4);
  EXPECT_EQ(box.unacknowledged(), 1u);
  box.acknowledge(7, 3); // late and older: changes nothing
  EXPECT_EQ(box.unacknowledged(), 1u);
  box.acknowledge(7, 6);
  EXPECT_EQ(box.unacknowledged(), 0u);
}

TEST(report_outbox, the_timer_resends_only_when_nothing_was_acknowledged_since_it_was_armed) {
  report_outbox box;
  add_all(box, 7, {1, 2, 3});
  box.acknowledge(7, 1);
  auto progressed = box.tick(7, 1);
  EXPECT_TRUE(progressed.resend.empty());
  EXPECT_TRUE(progressed.arm_timer);
  auto stalled = box.tick(7, 1);
  EXPECT_EQ(sequences(stalled.resend), (std::vector<sequence>{2, 3}));
  EXPECT_TRUE(stalled.arm_timer);
  box.acknowledge(7, 3);
  auto idle = box.tick(7, 1);
  EXPECT_TRUE(idle.resend.empty());
  EXPECT_FALSE(idle.arm_timer);
  auto next = report(9);
  EXPECT_TRUE(box.add(7, next, 1).arm_timer); // no timer armed any more
}

TEST(report_outbox, a_new_incarnation_gets_nothing_until_the_unacknowledged_reports_are_resent) {
  report_outbox box;
  auto old_one = report(1);
  box.add(7, old_one, 1);
  auto held = report(2);
  EXPECT_FALSE(box.add(7, held, 2).send);
  auto stalled = box.tick(7, 2); // nothing acknowledged: everything goes to the new one, in order
  EXPECT_EQ(sequences(stalled.resend), (std::vector<sequence>{1, 2}));
  auto after = report(3);
  EXPECT_TRUE(box.add(7, after, 2).send);
}

TEST(report_outbox, a_gap_resends_in_order_once_per_dropped_report) {
  report_outbox box;
  add_all(box, 7, {1, 2, 3, 4});
  // the account lost 2 (dead incarnation), applied 1, dropped 3 and 4
  box.acknowledge(7, 1);
  EXPECT_EQ(sequences(box.gap(7, 3, 1)), (std::vector<sequence>{2, 3, 4}));
  EXPECT_TRUE(box.gap(7, 4, 1).empty()); // covered by the resend above
  auto five = report(5);
  box.add(7, five, 1);
  EXPECT_EQ(sequences(box.gap(7, 5, 1)), (std::vector<sequence>{2, 3, 4, 5}));
}

TEST(report_outbox, a_restarted_book_resends_everything_unacknowledged_per_account) {
  report_outbox box;
  for (sequence s : {1, 2}) {
    auto r = report(s);
    box.add(7, r, 1);
    auto other = report(s + 10);
    box.add(8, other, 1);
  }
  box.acknowledge(8, 12);
  auto again = box.restart();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].first, 7u);
  EXPECT_EQ(sequences(again[0].second), (std::vector<sequence>{1, 2}));
}

} // namespace
} // namespace bourse::testing
