#include "net/ctl/ctl_commands.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/pchars.hpp>

#include "net/api/outbound_http.hpp"

namespace bourse::net::ctl {
namespace {

using verb = boost::beast::http::verb;

constexpr int refused = 1;
constexpr int bad_usage = 2;
constexpr int unreachable = 3;

/// One request to the node: method, path with query, JSON body, and whether it needs a token.
struct ctl_request {
  verb method = verb::get;
  std::string path;
  std::string body;
  bool admin = true;
};

struct ctl_options {
  std::string node = "http://127.0.0.1:8080";
  std::string token;
  std::string username;
  std::string password;
  std::int64_t timeout_ms = 10'000;
};

/// A path segment from user input (a symbol), percent-encoded so it cannot leave its segment.
std::string segment(const std::string& text) {
  return boost::urls::encode(text, boost::urls::pchars);
}

/// `CODE: message` of an error body, or the status and raw body when it is not the error shape.
std::string describe_error(const api::outbound_response& res) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(res.body, ec);
  if (!ec && parsed.is_object() && parsed.as_object().contains("code")) {
    const auto& o = parsed.as_object();
    std::string text(o.at("code").as_string());
    if (const auto* message = o.if_contains("message"); message && message->is_string())
      text += ": " + std::string(message->as_string());
    return text;
  }
  return "HTTP " + std::to_string(res.status) + ": " + res.body;
}

bool ok(const api::outbound_response& res) {
  return res.status >= 200 && res.status < 300;
}

/// The bearer token: --token, else a local login with --username/--password; nullopt (reported on
/// err) when neither works.
std::optional<std::string> bearer(const ctl_options& o, std::ostream& err) {
  if (!o.token.empty())
    return o.token;
  if (o.username.empty() || o.password.empty()) {
    err << "bourse-ctl: this command needs an admin: --token (BOURSE_TOKEN) or --username and --password "
           "(BOURSE_USERNAME, BOURSE_PASSWORD)\n";
    return std::nullopt;
  }
  const auto body =
      boost::json::serialize(boost::json::object{{"username", o.username}, {"password", o.password}});
  const auto res =
      api::outbound_request(verb::post, o.node + "/api/v1/auth/local/login", body,
                            {{"Content-Type", "application/json"}}, std::chrono::milliseconds(o.timeout_ms));
  if (!ok(res)) {
    err << "bourse-ctl: login refused: " << describe_error(res) << '\n';
    return std::nullopt;
  }
  return std::string(boost::json::parse(res.body).as_object().at("access_token").as_string());
}

int execute(const ctl_options& o, const ctl_request& request, std::ostream& out, std::ostream& err) {
  std::map<std::string, std::string> headers;
  if (!request.body.empty())
    headers["Content-Type"] = "application/json";
  if (request.admin) {
    auto token = bearer(o, err);
    if (!token)
      return refused;
    headers["Authorization"] = "Bearer " + *token;
  }
  const auto res = api::outbound_request(request.method, o.node + request.path, request.body, headers,
                                         std::chrono::milliseconds(o.timeout_ms));
  if (!ok(res)) {
    err << "bourse-ctl: " << describe_error(res) << '\n';
    return refused;
  }
  out << res.body;
  if (!res.body.empty() && res.body.back() != '\n')
    out << '\n';
  return 0;
}

/// The integer rules `instrument add` passes on when given (net/api/instrument_json.hpp).
constexpr std::array<const char*, 9> listing_rules = {
    "tick_size",      "lot_size",           "min_quantity",           "max_quantity",
    "price_band_bps", "initial_margin_bps", "maintenance_margin_bps", "maker_fee_bps",
    "taker_fee_bps"};

/// The `instrument add` options: the given ones go into the body of POST /admin/instruments.
struct listing_options {
  std::map<std::string, std::string> texts;  ///< name, type, sector
  std::map<std::string, std::int64_t> rules; ///< listing_rules
  std::map<std::string, CLI::Option*> given; ///< every option above, by body key
  bool no_margin = false;

  /// Registers --name, --type, --sector, --no-margin and one --tick-size style option per rule.
  void add_to(CLI::App& sub) {
    given["name"] = sub.add_option("--name", texts["name"], "display name (default: the symbol)");
    given["type"] = sub.add_option("--type", texts["type"], "STOCK, BOND or FOREX (default STOCK)");
    given["sector"] = sub.add_option("--sector", texts["sector"], "sector");
    sub.add_flag("--no-margin", no_margin, "refuse margin orders");
    for (const char* rule : listing_rules) {
      std::string flag = std::string("--") + rule;
      std::replace(flag.begin(), flag.end(), '_', '-');
      given[rule] = sub.add_option(flag, rules[rule], "cents, shares or basis points");
    }
  }

  /// The request body for `symbol` with reference price `reference` (cents).
  std::string body(const std::string& symbol, std::int64_t reference) const {
    boost::json::object out{{"symbol", symbol}, {"reference_price", reference}};
    for (const auto& [key, text] : texts)
      if (given.at(key)->count() > 0)
        out[key] = text;
    for (const auto& [key, value] : rules)
      if (given.at(key)->count() > 0)
        out[key] = value;
    if (no_margin)
      out["margin_allowed"] = false;
    return boost::json::serialize(out);
  }
};

/// Adds a subcommand that sends `request` as it stands when parsing ends.
CLI::App* command(CLI::App& app, const char* name, const char* help, ctl_request& chosen,
                  std::function<ctl_request()> build) {
  auto* sub = app.add_subcommand(name, help);
  sub->callback([&chosen, build = std::move(build)] { chosen = build(); });
  return sub;
}

} // namespace

int run_ctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"bourse-ctl: operate a Bourse node over its REST API"};
  app.require_subcommand(1);
  ctl_options o;
  app.add_option("--node", o.node, "the node's base URL")->envname("BOURSE_NODE")->capture_default_str();
  app.add_option("--token", o.token, "an admin's access token")->envname("BOURSE_TOKEN");
  app.add_option("--username", o.username, "log in as this admin")->envname("BOURSE_USERNAME");
  app.add_option("--password", o.password, "the admin's password")->envname("BOURSE_PASSWORD");
  app.add_option("--timeout-ms", o.timeout_ms, "per request")->check(CLI::PositiveNumber);

  ctl_request chosen;
  std::string symbol;
  std::string role;
  std::int64_t account = 0;
  std::int64_t cents = 0;
  std::int64_t limit = 100;

  command(app, "health", "readiness of the database and books (GET /readyz)", chosen, [] {
    return ctl_request{verb::get, "/readyz", {}, false};
  });
  command(app, "metrics", "Prometheus metrics (GET /metrics)", chosen, [] {
    return ctl_request{verb::get, "/metrics", {}, false};
  });
  command(app, "instruments", "listed instruments", chosen, [] {
    return ctl_request{verb::get, "/api/v1/instruments", {}, false};
  });
  command(app, "ticker", "L1 of every symbol", chosen, [] {
    return ctl_request{verb::get, "/api/v1/ticker", {}, false};
  });
  command(app, "auctions", "auction lots", chosen, [] {
    return ctl_request{verb::get, "/api/v1/auctions", {}, false};
  });
  command(app, "leaderboard", "richest accounts", chosen,
          [&] {
            return ctl_request{verb::get, "/api/v1/leaderboard?limit=" + std::to_string(limit), {}, false};
          })
      ->add_option("--limit", limit, "rows (1..1000)")
      ->check(CLI::Range(1, 1000));
  command(app, "bots", "status of logged-in bots (admin)", chosen, [] {
    return ctl_request{verb::get, "/api/v1/bots", {}, true};
  });
  for (const bool halt : {true, false})
    command(app, halt ? "halt" : "resume",
            halt ? "halt trading in a symbol (admin)" : "resume a halted symbol (admin)", chosen,
            [&symbol, halt] {
              return ctl_request{verb::post,
                                 "/api/v1/admin/instruments/" + segment(symbol) +
                                     (halt ? "/halt" : "/resume"),
                                 {},
                                 true};
            })
        ->add_option("symbol", symbol, "symbol")
        ->required();
  auto* deposit = command(app, "deposit", "credit cash to an account (admin)", chosen, [&] {
    return ctl_request{verb::post, "/api/v1/admin/accounts/" + std::to_string(account) + "/deposits",
                       boost::json::serialize(boost::json::object{{"amount_cents", cents}}), true};
  });
  deposit->add_option("account", account, "account id")->required()->check(CLI::PositiveNumber);
  deposit->add_option("cents", cents, "amount in cents")->required();
  for (const bool freeze : {true, false})
    command(app, freeze ? "freeze" : "unfreeze",
            freeze ? "freeze an account: cancels only (admin)" : "unfreeze an account (admin)", chosen,
            [&account, freeze] {
              return ctl_request{verb::post,
                                 "/api/v1/admin/accounts/" + std::to_string(account) +
                                     (freeze ? "/freeze" : "/unfreeze"),
                                 {},
                                 true};
            })
        ->add_option("account", account, "account id")
        ->required()
        ->check(CLI::PositiveNumber);
  auto* role_cmd = command(app, "role", "change a user's role (admin)", chosen, [&] {
    return ctl_request{verb::put, "/api/v1/admin/users/" + std::to_string(account) + "/role",
                       boost::json::serialize(boost::json::object{{"role", role}}), true};
  });
  role_cmd->add_option("user", account, "user id")->required()->check(CLI::PositiveNumber);
  role_cmd->add_option("role", role, "admin, auctioneer, player, bot or viewer")->required();
  auto* instrument = app.add_subcommand("instrument", "instruments (admin)");
  instrument->require_subcommand(1);
  listing_options listing;
  auto* add = command(*instrument, "add", "list a new instrument on the running node (admin)", chosen, [&] {
    return ctl_request{verb::post, "/api/v1/admin/instruments", listing.body(symbol, cents), true};
  });
  add->add_option("symbol", symbol, "symbol: 1..12 of A-Z 0-9")->required();
  add->add_option("reference", cents, "reference price in cents (centre of the first price band)")
      ->required();
  listing.add_to(*add);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e, out, err) == 0 ? 0 : bad_usage;
  }
  try {
    return execute(o, chosen, out, err);
  } catch (const boost::system::system_error& e) {
    err << "bourse-ctl: cannot reach " << o.node << ": " << e.code().message() << '\n';
    return unreachable;
  } catch (const std::exception& e) {
    err << "bourse-ctl: " << e.what() << '\n';
    return bad_usage;
  }
}

} // namespace bourse::net::ctl
