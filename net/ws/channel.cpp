#include "net/ws/channel.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace bourse::net::ws {

namespace {

constexpr std::array<std::pair<std::string_view, std::int64_t>, 6> intervals = {
    {{"1s", 1}, {"1m", 60}, {"5m", 300}, {"15m", 900}, {"1h", 3600}, {"1d", 86400}}};

parsed_channel fail() {
  return {reason_code::malformed_request, {}};
}

} // namespace

std::optional<std::int64_t> interval_seconds(std::string_view name) noexcept {
  for (auto [text, seconds] : intervals)
    if (text == name)
      return seconds;
  return std::nullopt;
}

std::string_view interval_name(std::int64_t seconds) noexcept {
  for (auto [text, length] : intervals)
    if (length == seconds)
      return text;
  return {};
}

bool is_private(channel_kind kind) noexcept {
  return kind == channel_kind::orders || kind == channel_kind::account;
}

parsed_channel parse_channel(std::string_view name, const instrument_table& instruments) {
  parsed_channel out;
  out.value.name = std::string(name);
  if (name == "ticker" || name == "orders" || name == "account") {
    out.value.kind = name == "ticker"   ? channel_kind::ticker
                     : name == "orders" ? channel_kind::orders
                                        : channel_kind::account;
    return out;
  }
  auto dot = name.find('.');
  if (dot == std::string_view::npos)
    return fail();
  auto prefix = name.substr(0, dot);
  auto rest = name.substr(dot + 1);
  if (prefix == "auction") {
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), out.value.auction);
    if (ec != std::errc{} || end != rest.data() + rest.size() || out.value.auction == 0)
      return fail();
    out.value.kind = channel_kind::auction;
    return out;
  }
  if (prefix == "candles") {
    auto last = rest.rfind('.');
    if (last == std::string_view::npos)
      return fail();
    auto interval = interval_seconds(rest.substr(last + 1));
    if (!interval)
      return fail();
    out.value.kind = channel_kind::candles;
    out.value.interval_s = *interval;
    rest = rest.substr(0, last);
  } else if (prefix == "book") {
    out.value.kind = channel_kind::book;
  } else if (prefix == "trades") {
    out.value.kind = channel_kind::trades;
  } else {
    return fail();
  }
  out.value.symbol = std::string(rest);
  if (instruments.find(out.value.symbol) == instruments.end())
    out.code = reason_code::unknown_symbol;
  return out;
}

} // namespace bourse::net::ws
