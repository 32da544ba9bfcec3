#include "persistence/table_rows.hpp"

#include <optional>

#include <gtest/gtest.h>

namespace bourse {
namespace {

TEST(table_rows, builds_the_copy_statement) {
  const table_rows rows{"t", {"a", "b"}};
  EXPECT_EQ(rows.copy_statement(), "COPY t (a, b) FROM STDIN");
  EXPECT_TRUE(rows.empty());
}

TEST(table_rows, a_table_with_a_unique_key_builds_an_insert_that_skips_duplicates) {
  const table_rows copied{"t", {"a", "b", "c"}};
  EXPECT_FALSE(copied.skips_duplicates());
  const table_rows rows{"t", {"a", "b", "c"}, {"a", "b"}};
  EXPECT_TRUE(rows.skips_duplicates());
  EXPECT_EQ(rows.max_insert_rows(), 21'845U);
  EXPECT_EQ(rows.insert_statement(2),
            "INSERT INTO t (a, b, c) VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT (a, b) DO NOTHING");
}

TEST(table_rows, keeps_fields_and_nulls) {
  table_rows rows{"t", {"a", "b", "c"}};
  rows.add(std::int64_t{-5}, std::nullopt, false);
  rows.add(7, std::optional<std::string>{"x"}, true);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_STREQ(rows.field(0, 0), "-5");
  EXPECT_EQ(rows.field(0, 1), nullptr);
  EXPECT_STREQ(rows.field(0, 2), "f");
  EXPECT_STREQ(rows.field(1, 1), "x");
  EXPECT_STREQ(rows.field(1, 2), "t");
}

TEST(table_rows, escapes_copy_text) {
  table_rows rows{"t", {"a", "b"}};
  rows.add("tab\tnew\nline\rback\\slash", std::nullopt);
  std::string text;
  rows.append_copy_text(text);
  EXPECT_EQ(text, "tab\\tnew\\nline\\rback\\\\slash\t\\N\n");
}

TEST(table_rows, clear_removes_rows) {
  table_rows rows{"t", {"a"}};
  rows.add(1);
  rows.clear();
  EXPECT_TRUE(rows.empty());
  rows.add(2);
  EXPECT_STREQ(rows.field(0, 0), "2");
}

} // namespace
} // namespace bourse
