#include "config/json_log.hpp"

#include "config/settings_loader.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <ctime>

namespace bourse::config {

namespace {

thread_local std::string current_request_id_;

void append(spdlog::memory_buf_t& dest, std::string_view text) {
  dest.append(text.data(), text.data() + text.size());
}

void append_json_string(spdlog::memory_buf_t& dest, std::string_view text) {
  append(dest, boost::json::serialize(boost::json::string_view(text.data(), text.size())));
}

void append_timestamp(spdlog::memory_buf_t& dest, spdlog::log_clock::time_point time) {
  auto since_epoch = time.time_since_epoch();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  std::time_t t = seconds.count();
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::array<char, 32> text{};
  auto size = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
  append(dest, std::string_view(text.data(), size));
  fmt::format_to(std::back_inserter(dest), ".{:03}Z", millis);
}

constexpr std::array<std::string_view, 7> level_names = {"trace", "debug",    "info", "warn",
                                                         "error", "critical", "off"};

} // namespace

void json_formatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  append(dest, R"({"ts":")");
  append_timestamp(dest, msg.time);
  append(dest, R"(","level":")");
  append(dest, level_names.at(static_cast<std::size_t>(msg.level)));
  append(dest, R"(","logger":)");
  append_json_string(dest, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
  append(dest, R"(,"msg":)");
  append_json_string(dest, std::string_view(msg.payload.data(), msg.payload.size()));
  if (!current_request_id_.empty()) {
    append(dest, R"(,"request_id":)");
    append_json_string(dest, current_request_id_);
  }
  append(dest, "}\n");
}

std::unique_ptr<spdlog::formatter> json_formatter::clone() const {
  return std::make_unique<json_formatter>();
}

log_context::log_context(std::string request_id) : previous_(std::move(current_request_id_)) {
  current_request_id_ = std::move(request_id);
}

log_context::~log_context() {
  current_request_id_ = std::move(previous_);
}

const std::string& log_context::current_request_id() noexcept {
  return current_request_id_;
}

bool is_log_level(std::string_view level) noexcept {
  for (auto name : level_names)
    if (name == level)
      return true;
  return false;
}

void setup_json_logging(std::string_view level) {
  if (!is_log_level(level))
    throw config_error("node.log_level: unknown level '" + std::string(level) + "'");
  auto logger = spdlog::stderr_logger_mt("bourse");
  logger->set_formatter(std::make_unique<json_formatter>());
  logger->set_level(spdlog::level::from_str(std::string(level)));
  spdlog::set_default_logger(std::move(logger));
}

} // namespace bourse::config
