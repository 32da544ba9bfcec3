#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bourse::bots {

/// Strategy parameters by name as given on a command line or in a fleet file (numbers only).
using param_map = std::map<std::string, double, std::less<>>;

/// Reads parameters into a strategy's struct and remembers which names were used, so that a
/// misspelt name is an error rather than a silent default.
class param_reader {
public:
  explicit param_reader(const param_map& params) : params_(params) {}
  /// The value of `name`, or `fallback` when absent.
  double get(std::string_view name, double fallback);
  /// Names given but never read.
  std::vector<std::string> unused() const;

private:
  const param_map& params_;
  std::set<std::string, std::less<>> used_;
};

/// Parses "name=value" (value a decimal number); throws std::invalid_argument on bad text.
std::pair<std::string, double> parse_param(std::string_view text);

} // namespace bourse::bots
