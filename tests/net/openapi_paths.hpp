#pragma once

#include "net/http/router.hpp"

#include <boost/beast/http/verb.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace bourse::net::test {

/// Expects every route of routes to be in docs/openapi.json with x-bourse-served true.
inline void expect_served_routes_documented(const http::router& routes) {
  std::ifstream in(BOURSE_SOURCE_DIR "/docs/openapi.json");
  std::ostringstream text;
  text << in.rdbuf();
  auto paths = boost::json::parse(text.str()).as_object().at("paths").as_object();
  for (const auto& route : routes.routes()) {
    std::string method(boost::beast::http::to_string(route.method));
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
    ASSERT_TRUE(paths.at(route.pattern).as_object().contains(method)) << method << " " << route.pattern;
    EXPECT_TRUE(paths.at(route.pattern).at(method).at("x-bourse-served").as_bool()) << route.pattern;
  }
}

} // namespace bourse::net::test
