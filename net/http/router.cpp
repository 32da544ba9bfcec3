#include "net/http/router.hpp"

#include <stdexcept>

namespace bourse::net::http {

namespace {

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// Matches segments against a pattern; counts literal matches so the most literal route wins.
bool matches(const std::vector<std::string>& pattern, const std::vector<std::string_view>& segments,
             std::vector<std::pair<std::string, std::string>>& params, int& literals) {
  if (pattern.size() != segments.size())
    return false;
  params.clear();
  literals = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_param(pattern[i])) {
      if (segments[i].empty())
        return false;
      params.emplace_back(pattern[i].substr(1, pattern[i].size() - 2), segments[i]);
    } else if (pattern[i] == segments[i]) {
      ++literals;
    } else {
      return false;
    }
  }
  return true;
}

} // namespace

std::string_view request_context::param(std::string_view name) const noexcept {
  for (const auto& [key, value] : params)
    if (key == name)
      return value;
  return {};
}

handler sync_handler(std::function<response(request_context&)> fn) {
  return [fn = std::move(fn)](request_context ctx, responder respond) { respond(fn(ctx)); };
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.starts_with('/'))
    path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos)
      break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

void router::add(verb method, std::string pattern, permission needs, handler h) {
  if (!pattern.starts_with('/'))
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  std::vector<std::string> segments;
  for (auto segment : split_path(pattern)) {
    if (segment.find_first_of("{}") != std::string_view::npos && !is_param(segment))
      throw std::invalid_argument("malformed route segment in " + pattern);
    segments.emplace_back(segment);
  }
  for (const auto& existing : entries_)
    if (existing.info.method == method && existing.info.pattern == pattern)
      throw std::invalid_argument("duplicate route " + pattern);
  entries_.push_back({{method, std::move(pattern), needs}, std::move(segments), std::move(h)});
}

route_match router::match(verb method, std::string_view path) const {
  route_match result;
  auto segments = split_path(path);
  int best_literals = -1;
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& e : entries_) {
    int literals = 0;
    if (!matches(e.segments, segments, params, literals))
      continue;
    bool same_method = e.info.method == method || (method == verb::head && e.info.method == verb::get);
    if (!same_method) {
      if (result.target == nullptr)
        result.code = reason_code::method_not_allowed;
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      result = {reason_code::none, &e.target, &e.info, params};
    }
  }
  return result;
}

std::vector<route_info> router::routes() const {
  std::vector<route_info> result;
  for (const auto& e : entries_)
    result.push_back(e.info);
  return result;
}

} // namespace bourse::net::http
