#include "config/json_log.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

namespace bourse::config {
namespace {

std::vector<boost::json::object> lines_of(const std::string& text) {
  std::vector<boost::json::object> result;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    result.push_back(boost::json::parse(line).as_object());
  return result;
}

TEST(json_log, one_object_per_line_with_request_id) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger logger("test", sink);
  logger.set_formatter(std::make_unique<json_formatter>());
  logger.info("plain \"quoted\"\nnewline");
  {
    log_context ctx("req-1");
    logger.warn("inside {}", 42);
  }
  logger.error("after");
  auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0].at("msg").as_string(), "plain \"quoted\"\nnewline");
  EXPECT_EQ(lines[0].at("level").as_string(), "info");
  EXPECT_EQ(lines[0].at("logger").as_string(), "test");
  EXPECT_FALSE(lines[0].contains("request_id"));
  EXPECT_EQ(lines[1].at("request_id").as_string(), "req-1");
  EXPECT_EQ(lines[1].at("msg").as_string(), "inside 42");
  EXPECT_FALSE(lines[2].contains("request_id"));
  EXPECT_EQ(lines[2].at("ts").as_string().size(), std::string_view("2024-01-01T00:00:00.000Z").size());
}

TEST(json_log, contexts_nest) {
  log_context outer("a");
  {
    log_context inner("b");
    EXPECT_EQ(log_context::current_request_id(), "b");
  }
  EXPECT_EQ(log_context::current_request_id(), "a");
}

TEST(json_log, level_names) {
  EXPECT_TRUE(is_log_level("warn"));
  EXPECT_FALSE(is_log_level("loud"));
}

} // namespace
} // namespace bourse::config
