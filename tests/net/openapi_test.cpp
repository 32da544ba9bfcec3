#include "net/http/server.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace bourse::net::http {
namespace {

boost::json::object load_document() {
  std::ifstream in(BOURSE_SOURCE_DIR "/docs/openapi.json");
  std::ostringstream text;
  text << in.rdbuf();
  return boost::json::parse(text.str()).as_object();
}

TEST(openapi, every_served_route_is_documented_as_served) {
  auto doc = load_document();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  const auto& paths = doc.at("paths").as_object();
  config::settings s;
  s.node.port = 0;
  server srv(s, router{}, nullptr);
  auto routes = srv.routes();
  ASSERT_FALSE(routes.empty());
  for (const auto& route : routes) {
    std::string method(boost::beast::http::to_string(route.method));
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
    const auto& item = paths.at(route.pattern).as_object();
    ASSERT_TRUE(item.contains(method)) << method << " " << route.pattern;
    EXPECT_TRUE(item.at(method).as_object().at("x-bourse-served").as_bool())
        << method << " " << route.pattern;
  }
}

} // namespace
} // namespace bourse::net::http
