#include "bots/strategy/strategy_params.hpp"

#include <charconv>
#include <stdexcept>

namespace bourse::bots {

double param_reader::get(std::string_view name, double fallback) {
  used_.emplace(name);
  const auto it = params_.find(name);
  return it == params_.end() ? fallback : it->second;
}

std::vector<std::string> param_reader::unused() const {
  std::vector<std::string> names;
  for (const auto& [name, value] : params_)
    if (!used_.contains(name))
      names.push_back(name);
  return names;
}

std::pair<std::string, double> parse_param(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw std::invalid_argument("parameter must be name=value: " + std::string(text));
  const auto value_text = text.substr(eq + 1);
  double value = 0;
  const auto [end, ec] = std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
  if (value_text.empty() || ec != std::errc{} || end != value_text.data() + value_text.size())
    throw std::invalid_argument("parameter value is not a number: " + std::string(text));
  return {std::string(text.substr(0, eq)), value};
}

} // namespace bourse::bots
