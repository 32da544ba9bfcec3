#include "bots/data/date_parse.hpp"

#include <array>
#include <charconv>
#include <chrono>

namespace bourse::bots {
namespace {

std::optional<int> to_int(std::string_view text) noexcept {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

std::optional<timestamp_ns> make_day(std::optional<int> y, std::optional<int> m,
                                     std::optional<int> d) noexcept {
  if (!y || !m || !d)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                        std::chrono::day{static_cast<unsigned>(*d)}};
  if (*m < 1 || *d < 1 || !ymd.ok())
    return std::nullopt;
  const auto days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return static_cast<timestamp_ns>(days) * 86'400'000'000'000;
}

std::optional<int> month_from_name(std::string_view name) noexcept {
  constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name)
      return static_cast<int>(i) + 1;
  return std::nullopt;
}

} // namespace

std::optional<timestamp_ns> parse_utc_day(std::string_view text) noexcept {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-')
    return make_day(to_int(text.substr(0, 4)), to_int(text.substr(5, 2)), to_int(text.substr(8, 2)));
  const auto first_space = text.find(' ');
  const auto last_space = text.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space)
    return std::nullopt;
  return make_day(to_int(text.substr(last_space + 1)), month_from_name(text.substr(0, first_space)),
                  to_int(text.substr(first_space + 1, last_space - first_space - 1)));
}

} // namespace bourse::bots
