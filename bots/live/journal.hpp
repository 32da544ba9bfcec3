#pragma once

#include <memory>
#include <string>

#include <boost/json/object.hpp>
#include <spdlog/logger.h>

#include "actors/common/types.hpp"

namespace bourse::bots {

/// The JSON-lines record of one bot: every order, order result, cancel, fill and error is one line
/// {"ts": ns UTC, "bot": name, "event": kind, ...fields} on the "bots" spdlog logger (stderr by
/// default; see bot_logger()).
class journal {
public:
  explicit journal(std::string bot_name);
  /// Writes one line; `event` names it, `fields` adds the details.
  void write(timestamp_ns now, const char* event, boost::json::object fields = {}) const;
  /// Writes at error level.
  void error(timestamp_ns now, const char* event, boost::json::object fields = {}) const;

private:
  std::string bot_;
  std::shared_ptr<spdlog::logger> logger_;
};

/// The shared "bots" logger (created on first use: stderr, pattern "%v", one JSON object per line).
std::shared_ptr<spdlog::logger> bot_logger();

} // namespace bourse::bots
