#include "bots/data/decimal.hpp"

#include <charconv>

namespace bourse::bots {
namespace {

bool all_digits(std::string_view text) noexcept {
  for (char c : text)
    if (c < '0' || c > '9')
      return false;
  return true;
}

} // namespace

std::optional<cents> parse_cents(std::string_view text) noexcept {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative || (!text.empty() && text.front() == '+'))
    text.remove_prefix(1);
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if ((whole.empty() && fraction.empty()) || !all_digits(whole) || !all_digits(fraction))
    return std::nullopt;
  std::int64_t units = 0;
  if (!whole.empty()) {
    const auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), units);
    if (ec != std::errc{} || end != whole.data() + whole.size())
      return std::nullopt;
  }
  std::int64_t frac_cents = 0;
  for (std::size_t i = 0; i < 2; ++i)
    frac_cents = frac_cents * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  const bool round_up = fraction.size() > 2 && fraction[2] >= '5';
  cents result = 0;
  if (__builtin_mul_overflow(units, std::int64_t{100}, &result) ||
      __builtin_add_overflow(result, frac_cents + (round_up ? 1 : 0), &result))
    return std::nullopt;
  return negative ? -result : result;
}

std::optional<std::int64_t> parse_count(std::string_view text) noexcept {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < 0)
    return std::nullopt;
  return value;
}

} // namespace bourse::bots
