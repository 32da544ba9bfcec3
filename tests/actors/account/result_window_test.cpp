// The idempotency window of an account: first answers stay, the oldest go past the capacity.
#include "actors/account/result_window.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace bourse {
namespace {

order_result answer(std::uint64_t coid, order_id id) {
  return {coid, "AAA", id, reason_code::none};
}

std::vector<std::uint64_t> ids_oldest_first(const result_window& w) {
  std::vector<std::uint64_t> out;
  w.for_each_oldest_first([&](std::uint64_t id, const order_result&) { out.push_back(id); });
  return out;
}

TEST(result_window, the_first_answer_to_a_client_order_id_stays) {
  result_window w{4};
  EXPECT_TRUE(w.record(7, answer(7, 70)));
  EXPECT_FALSE(w.record(7, answer(7, 71)));
  ASSERT_NE(w.find(7), nullptr);
  EXPECT_EQ(w.find(7)->id, 70U);
  EXPECT_EQ(w.find(8), nullptr);
  EXPECT_EQ(w.size(), 1U);
}

TEST(result_window, past_its_capacity_it_forgets_the_oldest_recorded_not_the_smallest_id) {
  result_window w{3};
  for (const std::uint64_t id : {50, 10, 30, 20})
    w.record(id, answer(id, id * 10));
  EXPECT_EQ(w.size(), 3U);
  EXPECT_EQ(w.find(50), nullptr) << "recorded first";
  EXPECT_EQ(ids_oldest_first(w), (std::vector<std::uint64_t>{10, 30, 20}));
  EXPECT_FALSE(w.record(10, answer(10, 1))) << "a resend inside the window keeps its answer";
  EXPECT_EQ(w.find(10)->id, 100U);
  EXPECT_TRUE(w.record(50, answer(50, 2))) << "a forgotten id is new again";
  EXPECT_EQ(ids_oldest_first(w), (std::vector<std::uint64_t>{30, 20, 50}));
}

TEST(result_window, replaying_the_same_records_rebuilds_an_equal_window) {
  result_window a{2}, b{2};
  for (const std::uint64_t id : {5, 1, 9}) {
    a.record(id, answer(id, id));
    b.record(id, answer(id, id));
  }
  EXPECT_EQ(a, b);
  result_window c{2};
  c.record(9, answer(9, 9));
  c.record(1, answer(1, 1));
  EXPECT_FALSE(a == c) << "same answers, other order: the next eviction would differ";
}

} // namespace
} // namespace bourse
