#include "bots/live/journal.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace bourse::bots {
namespace {

std::string line(const std::string& bot, timestamp_ns now, const char* event, boost::json::object fields) {
  boost::json::object out;
  out["ts"] = now;
  out["bot"] = bot;
  out["event"] = event;
  for (auto& [key, value] : fields)
    out[key] = std::move(value);
  return boost::json::serialize(out);
}

} // namespace

std::shared_ptr<spdlog::logger> bot_logger() {
  static const auto logger = [] {
    if (auto existing = spdlog::get("bots"))
      return existing;
    auto created = spdlog::stderr_logger_mt("bots");
    created->set_pattern("%v");
    return created;
  }();
  return logger;
}

journal::journal(std::string bot_name) : bot_(std::move(bot_name)), logger_(bot_logger()) {
  // nop
}

void journal::write(timestamp_ns now, const char* event, boost::json::object fields) const {
  if (logger_->should_log(spdlog::level::info))
    logger_->info(line(bot_, now, event, std::move(fields)));
}

void journal::error(timestamp_ns now, const char* event, boost::json::object fields) const {
  logger_->error(line(bot_, now, event, std::move(fields)));
}

} // namespace bourse::bots
