#include "net/node/stop_signal.hpp"

#include <csignal>
#include <unistd.h>

#include <gtest/gtest.h>

namespace bourse::node {
namespace {

TEST(stop_signal, a_sigterm_before_the_node_is_up_is_seen_by_requested_and_wait) {
  stop_signal stop;
  EXPECT_FALSE(stop.requested());
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0); // the process survives: the signal is blocked and waited for
  EXPECT_EQ(stop.wait(), SIGTERM);
  EXPECT_TRUE(stop.requested());
}

TEST(stop_signal, sigint_stops_as_well) {
  stop_signal stop;
  ASSERT_EQ(::kill(::getpid(), SIGINT), 0);
  EXPECT_EQ(stop.wait(), SIGINT);
}

TEST(stop_signal, destroying_it_without_a_signal_returns_and_leaves_the_process_running) {
  { stop_signal stop; } // would hang in join if the waiter were not woken
  stop_signal again;    // a second one works after the first is gone
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  EXPECT_EQ(again.wait(), SIGTERM);
}

} // namespace
} // namespace bourse::node
