#include "net/ctl/ctl_commands.hpp"

#include <sstream>
#include <string>
#include <vector>

#include "tests/net/exchange_api_fixture.hpp"

namespace bourse::net::api {
namespace {

/// What one bourse-ctl run printed and returned.
struct ctl_run {
  int code = 0;
  std::string out;
  std::string err;
};

ctl_run ctl(std::vector<std::string> args) {
  args.insert(args.begin(), "bourse-ctl");
  std::vector<const char*> argv;
  for (const auto& a : args)
    argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const int code = ctl::run_ctl(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

class ctl_test : public exchange_api_test {
protected:
  std::string node() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  std::string admin_token() { return codec_.issue({admin, "root", role::admin, 0}, http::unix_seconds()); }
  std::vector<std::string> as_admin(std::vector<std::string> command) {
    std::vector<std::string> args{"--node", node(), "--token", admin_token()};
    args.insert(args.end(), command.begin(), command.end());
    return args;
  }
  std::int64_t free_cash() {
    return json(call(bhttp::verb::get, "/api/v1/account")).at("cash").as_object().at("free").as_int64();
  }
};

TEST_F(ctl_test, admin_commands_change_the_exchange) {
  const auto before = free_cash();
  const auto deposit = ctl(as_admin({"deposit", "1", "2500"}));
  ASSERT_EQ(deposit.code, 0) << deposit.err;
  EXPECT_EQ(free_cash() - before, 2'500);

  const auto halted = ctl(as_admin({"halt", "AAA"}));
  ASSERT_EQ(halted.code, 0) << halted.err;
  EXPECT_TRUE(boost::json::parse(halted.out).as_object().at("halted").as_bool());
  EXPECT_EQ(code_of(place(R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})")),
            "INSTRUMENT_HALTED");
  ASSERT_EQ(ctl(as_admin({"resume", "AAA"})).code, 0);
  EXPECT_EQ(place(R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})").result(),
            bhttp::status::created);

  ASSERT_EQ(ctl(as_admin({"freeze", "1"})).code, 0);
  EXPECT_EQ(code_of(place(R"({"symbol":"AAA","side":"BUY","price":9900,"quantity":10})")), "ACCOUNT_HALTED");
  ASSERT_EQ(ctl(as_admin({"unfreeze", "1"})).code, 0);
}

TEST_F(ctl_test, instrument_add_lists_a_symbol_with_the_given_rules) {
  const auto added =
      ctl(as_admin({"instrument", "add", "NEWCO", "2000", "--name", "New Company", "--type", "BOND",
                    "--tick-size", "5", "--maintenance-margin-bps", "2000", "--no-margin"}));
  ASSERT_EQ(added.code, 0) << added.err;
  const auto listed = boost::json::parse(added.out).as_object();
  EXPECT_EQ(listed.at("symbol").as_string(), "NEWCO");
  EXPECT_EQ(listed.at("name").as_string(), "New Company");
  EXPECT_EQ(listed.at("type").as_string(), "BOND");
  EXPECT_EQ(listed.at("tick_size").as_int64(), 5);
  EXPECT_EQ(listed.at("reference_price").as_int64(), 2000);
  EXPECT_EQ(listed.at("maintenance_margin_bps").as_int64(), 2000);
  EXPECT_FALSE(listed.at("margin_allowed").as_bool());
  EXPECT_EQ(listed.at("lot_size").as_int64(), instrument{}.lot_size); // not given: the default

  const auto again = ctl(as_admin({"instrument", "add", "NEWCO", "2000"}));
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("SYMBOL_LISTED"), std::string::npos) << again.err;
  EXPECT_EQ(ctl(as_admin({"instrument", "add", "NEWCO"})).code, 2);
}

TEST_F(ctl_test, public_reads_need_no_token) {
  const auto ticker = ctl({"--node", node(), "ticker"});
  ASSERT_EQ(ticker.code, 0) << ticker.err;
  EXPECT_EQ(boost::json::parse(ticker.out).as_object().at("tickers").as_array().size(), 2u);
  const auto board = ctl({"--node", node(), "leaderboard", "--limit", "1"});
  ASSERT_EQ(board.code, 0) << board.err;
  EXPECT_TRUE(boost::json::parse(board.out).as_object().contains("leaderboard"));
}

TEST_F(ctl_test, refusals_bad_usage_and_an_unreachable_node_have_their_own_exit_codes) {
  const auto negative = ctl(as_admin({"deposit", "1", "-5"}));
  EXPECT_EQ(negative.code, 1);
  EXPECT_NE(negative.err.find("INVALID_AMOUNT"), std::string::npos) << negative.err;

  const auto player =
      ctl({"--node", node(), "--token", codec_.issue({alice, "user1", role::player, 0}, http::unix_seconds()),
           "halt", "AAA"});
  EXPECT_EQ(player.code, 1);
  EXPECT_NE(player.err.find("FORBIDDEN"), std::string::npos) << player.err;

  const auto anonymous = ctl({"--node", node(), "halt", "AAA"});
  EXPECT_EQ(anonymous.code, 1);
  EXPECT_NE(anonymous.err.find("--token"), std::string::npos);

  const auto unknown = ctl(as_admin({"halt", "ZZZ"}));
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("UNKNOWN_SYMBOL"), std::string::npos) << unknown.err;
  const auto escape = ctl(as_admin({"halt", "../../orders"})); // one encoded segment: reaches no other route
  EXPECT_EQ(escape.code, 1);
  EXPECT_NE(escape.err.find("NOT_FOUND"), std::string::npos) << escape.err;

  EXPECT_EQ(ctl({"deposit", "1"}).code, 2);      // missing cents
  EXPECT_EQ(ctl({"deposit", "x", "5"}).code, 2); // not a number
  EXPECT_EQ(ctl({"frobnicate"}).code, 2);        // no such command
  EXPECT_EQ(ctl({"--node", "http://127.0.0.1:1", "ticker"}).code, 3);
}

} // namespace
} // namespace bourse::net::api
