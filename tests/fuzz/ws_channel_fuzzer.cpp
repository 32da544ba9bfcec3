// libFuzzer target for parse_channel (the channel names of WebSocket subscribe and unsubscribe frames):
// any name parses without a crash or sanitizer report; a parsed channel keeps the name as written, has
// a symbol that is listed (or UNKNOWN_SYMBOL), is private only for `orders` and `account`, and
// rebuilding the name from its parts gives the name back (auction ids: the same id).
#include "net/ws/channel.hpp"

#include "tests/fuzz/fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace bourse;
using namespace bourse::net::ws;
using bourse::fuzz::instruments;
using bourse::fuzz::require;

bool has_symbol(channel_kind kind) {
  return kind == channel_kind::book || kind == channel_kind::trades || kind == channel_kind::candles;
}

/// The wire name of c from its parts; candles take the interval as written in `written`.
std::string rebuild(const channel& c, std::string_view written) {
  switch (c.kind) {
  case channel_kind::ticker:
    return "ticker";
  case channel_kind::orders:
    return "orders";
  case channel_kind::account:
    return "account";
  case channel_kind::book:
    return "book." + c.symbol;
  case channel_kind::trades:
    return "trades." + c.symbol;
  case channel_kind::candles:
    return "candles." + c.symbol + std::string(written.substr(written.rfind('.')));
  case channel_kind::auction:
    return "auction." + std::to_string(c.auction);
  }
  return {};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view name(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_channel(name, instruments());
  if (parsed.code == reason_code::malformed_request)
    return 0;
  const auto& c = parsed.value;
  require(c.name == name, "a parsed channel keeps the name as written");
  if (parsed.code == reason_code::unknown_symbol) {
    require(has_symbol(c.kind) && !instruments().contains(c.symbol),
            "UNKNOWN_SYMBOL names an unlisted symbol");
    return 0;
  }
  require(parsed.code == reason_code::none,
          "parse_channel answers none, MALFORMED_REQUEST or UNKNOWN_SYMBOL");
  require(!has_symbol(c.kind) || instruments().contains(c.symbol), "a channel's symbol is listed");
  require(is_private(c.kind) == (name == "orders" || name == "account"),
          "only orders and account are private");
  if (c.kind == channel_kind::candles) {
    auto seconds = interval_seconds(name.substr(name.rfind('.') + 1));
    require(seconds && *seconds == c.interval_s, "a candle channel's interval is the one written");
  }
  auto rebuilt = rebuild(c, name);
  if (c.kind == channel_kind::auction) {
    auto again = parse_channel(rebuilt, instruments());
    require(again.code == reason_code::none && again.value.kind == channel_kind::auction &&
                again.value.auction == c.auction,
            "an auction channel rebuilt from its id parses to the same id");
    return 0;
  }
  require(rebuilt == name, "a channel rebuilt from its parts has the name as written");
  return 0;
}
