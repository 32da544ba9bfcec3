#include "actors/common/sharded_flat_map.hpp"

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace bourse {
namespace {

using map_type = sharded_flat_map<std::uint64_t, std::string, std::hash<std::uint64_t>, 8>;

map_type filled(std::uint64_t n) {
  map_type m;
  for (std::uint64_t k = 1; k <= n; ++k)
    EXPECT_TRUE(m.try_emplace(k, std::to_string(k)).second);
  return m;
}

TEST(sharded_flat_map, finds_every_key_once_and_keeps_the_first_value) {
  auto m = filled(10'000);
  EXPECT_EQ(m.size(), 10'000U);
  const auto again = m.try_emplace(7, "seven");
  EXPECT_FALSE(again.second);
  EXPECT_EQ(again.first->second, "7");
  EXPECT_TRUE(m.contains(10'000));
  EXPECT_FALSE(m.contains(10'001));
  ASSERT_NE(m.find(42), m.end());
  EXPECT_EQ(m.find(42)->second, "42");
  EXPECT_EQ(m.find(0), m.end());
  EXPECT_EQ(m.at(9), "9");
  EXPECT_THROW((void)m.at(0), std::out_of_range);
}

TEST(sharded_flat_map, erase_removes_one_key) {
  auto m = filled(100);
  EXPECT_EQ(m.erase(42), 1U);
  EXPECT_EQ(m.erase(42), 0U);
  EXPECT_FALSE(m.contains(42));
  EXPECT_TRUE(m.contains(43));
  EXPECT_EQ(m.size(), 99U);
}

TEST(sharded_flat_map, iterates_every_element_once_also_through_a_const_map) {
  const auto m = filled(1'000);
  std::map<std::uint64_t, std::string> seen;
  for (const auto& [k, v] : m)
    EXPECT_TRUE(seen.emplace(k, v).second) << k;
  EXPECT_EQ(seen.size(), 1'000U);
  EXPECT_EQ(seen.begin()->first, 1U);
  EXPECT_EQ(seen.rbegin()->second, "1000");
  EXPECT_EQ(map_type{}.begin(), map_type{}.end());
}

TEST(sharded_flat_map, erase_if_removes_the_matches_and_equality_compares_contents) {
  auto m = filled(100);
  EXPECT_EQ(erase_if(m, [](const auto& e) { return e.first % 2 == 0; }), 50U);
  EXPECT_EQ(m.size(), 50U);
  EXPECT_FALSE(m.contains(2));
  EXPECT_TRUE(m.contains(3));
  auto odd = filled(100);
  erase_if(odd, [](const auto& e) { return e.first % 2 == 0; });
  EXPECT_EQ(m, odd);
  odd.find(3)->second = "three";
  EXPECT_FALSE(m == odd);
}

} // namespace
} // namespace bourse
