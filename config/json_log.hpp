#pragma once

#include <spdlog/formatter.h>
#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <string_view>

/// JSON-lines logging: one object per line, {"ts","level","logger","msg"} plus "request_id" when a
/// log_context is active on the logging thread.
namespace bourse::config {

/// spdlog formatter writing one JSON object per record; ts is UTC ISO 8601 with milliseconds.
class json_formatter final : public spdlog::formatter {
public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

/// Tags records logged on this thread with a request id while alive; scopes nest.
class log_context {
public:
  explicit log_context(std::string request_id);
  ~log_context();
  log_context(const log_context&) = delete;
  log_context& operator=(const log_context&) = delete;

  /// The innermost active request id on this thread, empty when none.
  static const std::string& current_request_id() noexcept;

private:
  std::string previous_;
};

/// Replaces the default logger by a JSON-lines logger on stderr at level (spdlog level names).
/// Throws config_error for an unknown level.
void setup_json_logging(std::string_view level);

/// True for the spdlog level names trace, debug, info, warn, error, critical, off.
bool is_log_level(std::string_view level) noexcept;

} // namespace bourse::config
