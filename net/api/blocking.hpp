#pragma once

#include "net/http/message.hpp"
#include "net/http/router.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/spdlog.h>

#include <exception>
#include <utility>

namespace bourse::net::api {

/// Runs fn() -> http::response on pool (database calls, argon2, outbound HTTP never block the
/// network threads) and answers with its result; an exception becomes 500 INTERNAL_ERROR. A task
/// owns its responder (and through it the connection): join pool before destroying the server.
template <class F>
void run_blocking(boost::asio::thread_pool& pool, http::responder respond, F fn) {
  boost::asio::post(pool, [respond = std::move(respond), fn = std::move(fn)]() mutable {
    try {
      respond(fn());
    } catch (const std::exception& err) {
      spdlog::error("blocking handler failed: {}", err.what());
      respond(http::error_response(reason_code::internal_error));
    }
  });
}

} // namespace bourse::net::api
