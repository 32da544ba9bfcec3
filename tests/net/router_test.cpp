#include "net/http/router.hpp"

#include "net/http/static_files.hpp"
#include "net/metrics/metrics_registry.hpp"

#include <gtest/gtest.h>

namespace bourse::net::http {
namespace {

handler noop() {
  return [](request_context, responder) {};
}

TEST(router, literal_routes_win_over_params) {
  router r;
  r.add(verb::get, "/orders/{id}", permission::trade, noop());
  r.add(verb::get, "/orders/open", permission::trade, noop());
  auto literal = r.match(verb::get, "/orders/open");
  ASSERT_EQ(literal.code, reason_code::none);
  EXPECT_EQ(literal.route->pattern, "/orders/open");
  auto param = r.match(verb::get, "/orders/17");
  ASSERT_EQ(param.code, reason_code::none);
  EXPECT_EQ(param.params.at(0), (std::pair<std::string, std::string>{"id", "17"}));
}

TEST(router, not_found_and_method_not_allowed) {
  router r;
  r.add(verb::get, "/a/{x}", permission::read_market, noop());
  EXPECT_EQ(r.match(verb::get, "/a").code, reason_code::not_found);
  EXPECT_EQ(r.match(verb::get, "/a/").code, reason_code::not_found);
  EXPECT_EQ(r.match(verb::get, "/a/b/c").code, reason_code::not_found);
  EXPECT_EQ(r.match(verb::post, "/a/b").code, reason_code::method_not_allowed);
  EXPECT_EQ(r.match(verb::head, "/a/b").code, reason_code::none);
}

TEST(router, rejects_bad_patterns) {
  router r;
  r.add(verb::get, "/a", permission::read_market, noop());
  EXPECT_THROW(r.add(verb::get, "/a", permission::read_market, noop()), std::invalid_argument);
  EXPECT_THROW(r.add(verb::get, "a", permission::read_market, noop()), std::invalid_argument);
  EXPECT_THROW(r.add(verb::get, "/x{y}", permission::read_market, noop()), std::invalid_argument);
}

TEST(static_files, mime_types) {
  EXPECT_EQ(mime_type("a.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(mime_type("a.wasm"), "application/wasm");
  EXPECT_EQ(mime_type("README"), "application/octet-stream");
}

TEST(metrics, histogram_buckets_are_cumulative) {
  metrics::histogram h({10, 20});
  h.observe_ns(5);
  h.observe_ns(10);
  h.observe_ns(15);
  h.observe_ns(99);
  EXPECT_EQ(h.cumulative_counts(), (std::vector<std::int64_t>{2, 3, 4}));
  EXPECT_EQ(h.sum_ns(), 129);
}

TEST(metrics, type_conflicts_are_rejected) {
  metrics::registry r;
  r.get_counter("x_total", "x");
  EXPECT_THROW(r.get_histogram("x_total", "x"), std::invalid_argument);
}

TEST(http_status, reason_codes_map_to_statuses) {
  EXPECT_EQ(http_status(reason_code::off_tick), status::bad_request);
  EXPECT_EQ(http_status(reason_code::insufficient_buying_power), status::unprocessable_entity);
  EXPECT_EQ(http_status(reason_code::fok_not_fillable), status::unprocessable_entity);
  EXPECT_EQ(http_status(reason_code::unauthenticated), status::unauthorized);
  EXPECT_EQ(http_status(reason_code::forbidden), status::forbidden);
  EXPECT_EQ(http_status(reason_code::rate_limited), status::too_many_requests);
  EXPECT_EQ(http_status(reason_code::unavailable), status::service_unavailable);
  EXPECT_EQ(http_status(reason_code::username_taken), status::conflict);
}

} // namespace
} // namespace bourse::net::http
