#include "actors/supervisor/supervisor.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "tests/actors/runtime/exchange_fixture.hpp"

namespace bourse::testing {
namespace {

class restart_test : public exchange_fixture {
protected:
  std::uint64_t book_hash(const std::string& symbol) {
    return ask<std::uint64_t>(book(symbol), caf::get_atom::value, atoms::hash::value).value_or(0);
  }
  std::uint64_t account_hash(account_id id) {
    return ask<account_view>(account(id), caf::get_atom::value, atoms::view::value).value().state_hash;
  }

  /// Places until the answer is final (not UNAVAILABLE/TIMEOUT and not a dead receiver).
  order_result place_until_final(account_id id, const new_order& o) {
    for (int attempt = 0; attempt < 10; ++attempt) {
      auto r = place(id, o);
      if (r && r->reason != reason_code::unavailable && r->reason != reason_code::timeout)
        return *r;
      fire_timers();
    }
    ADD_FAILURE() << "no final answer for " << o.client_order_id;
    return {};
  }
};

TEST_F(restart_test, killed_book_and_account_come_back_with_the_same_state_hash) {
  for (account_id id = 1; id <= 6; ++id)
    ASSERT_EQ(ask<reason_code>(account(id), atoms::deposit::value, std::string{"AAA"}, quantity{100}),
              reason_code::none);
  for (account_id id = 1; id <= 6; ++id)
    ASSERT_EQ(
        place(id, limit(id, "AAA", id % 2 ? side::buy : side::sell, id % 2 ? 9'990 : 10'010, 10))->reason,
        reason_code::none);
  const auto book_before = book_hash("AAA");
  const auto account_before = account_hash(3);
  const auto old_book = book("AAA");
  caf::anon_send_exit(old_book, caf::exit_reason::kill);
  caf::anon_send_exit(account(3), caf::exit_reason::kill);
  run();
  EXPECT_NE(book("AAA"), old_book);
  EXPECT_EQ(book_hash("AAA"), book_before);
  EXPECT_EQ(account_hash(3), account_before);
  expect_open_orders_match_books();
}

TEST_F(restart_test, orders_racing_into_killed_actors_are_neither_lost_nor_doubled) {
  for (account_id id = 1; id <= 4; ++id)
    ASSERT_EQ(ask<reason_code>(account(id), atoms::deposit::value, std::string{"AAA"}, quantity{1'000}),
              reason_code::none);
  std::vector<std::pair<account_id, new_order>> orders;
  for (std::uint64_t n = 1; n <= 40; ++n) {
    const account_id id = 1 + n % 4;
    orders.emplace_back(id,
                        limit(n, "AAA", n % 2 ? side::buy : side::sell, n % 2 ? 10'000 : 9'995 + n % 7, 5));
  }
  using handle =
      decltype(self_->request(account(1), std::chrono::seconds(1), atoms::place::value, new_order{}));
  std::vector<handle> first_try;
  for (auto& [id, o] : orders)
    first_try.push_back(self_->request(account(id), std::chrono::seconds(30), atoms::place::value, o));
  sched_.run(25); // mid-stream: part of the orders went through
  caf::anon_send_exit(book("AAA"), caf::exit_reason::kill);
  caf::anon_send_exit(account(2), caf::exit_reason::kill);
  run();
  fire_timers();
  int retryable = 0;
  for (auto& h : first_try)
    h.receive(
        [&](order_result& r) {
          retryable += r.reason == reason_code::unavailable || r.reason == reason_code::timeout;
        },
        [&](caf::error&) { ++retryable; });
  EXPECT_GT(retryable, 0);
  for (auto& [id, o] : orders)
    EXPECT_EQ(place_until_final(id, o).reason, reason_code::none) << o.client_order_id;
  for (int i = 0; i < 3; ++i)
    fire_timers();
  // every order exists exactly once: resting in the book or traded away, and a resend repeats the id
  for (auto& [id, o] : orders) {
    auto again = place(id, o);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->reason, reason_code::none);
  }
  auto snap = ask<book_snapshot>(book("AAA"), caf::get_atom::value, atoms::snapshot::value);
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->next_order_id, orders.size() + 1);
  expect_conservation({{"AAA", 4'000}});
  expect_open_orders_match_books();
}

class escalation_test : public actor_fixture {};

// (an argument each: CAF 0.17 spawns argument-less function actors through a null tuple)
caf::behavior echo(caf::event_based_actor*, int) {
  return {[](int x) { return x; }};
}

caf::behavior quit_on_int(caf::event_based_actor* self, int) {
  return {[self](int) { self->quit(); }};
}

TEST_F(escalation_test, too_many_restarts_escalate_to_the_parent) {
  auto sup = spawn_supervisor(sys_, restart_policy{2, std::chrono::seconds(10)});
  self_->monitor(sup);
  int starts = 0;
  caf::actor current;
  child_spec spec{"child", [&] {
                    ++starts;
                    current = sys_.spawn(echo, 0);
                    return current;
                  }};
  auto first = spec.start();
  caf::anon_send(sup, atoms::supervise::value, first, spec);
  run();
  for (int kill = 0; kill < 2; ++kill) {
    caf::anon_send_exit(current, caf::exit_reason::kill);
    run();
  }
  EXPECT_EQ(starts, 3);
  EXPECT_TRUE(self_->mailbox().empty()) << "escalated too early";
  caf::anon_send_exit(current, caf::exit_reason::kill);
  run();
  caf::error reason;
  self_->receive([&](caf::down_msg& msg) { reason = msg.reason; });
  EXPECT_EQ(reason, escalation_error());
}

TEST_F(escalation_test, a_normal_exit_is_not_restarted) {
  auto sup = spawn_supervisor(sys_, restart_policy{});
  int starts = 0;
  child_spec spec{"child", [&] {
                    ++starts;
                    return sys_.spawn(quit_on_int, 0);
                  }};
  auto child = spec.start();
  caf::anon_send(sup, atoms::supervise::value, child, spec);
  run();
  caf::anon_send(child, 1);
  run();
  EXPECT_EQ(starts, 1);
  caf::anon_send_exit(sup, caf::exit_reason::user_shutdown);
  run();
}

} // namespace
} // namespace bourse::testing
