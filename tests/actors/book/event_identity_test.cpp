#include "actors/book/order_book.hpp"

#include <map>
#include <utility>

#include "tests/actors/book/book_fixture.hpp"
#include "tests/support/book_command_gen.hpp"

namespace bourse::testing {
namespace {

using enum book_event_kind;

/// Every event names the owner and client_ref of its order, so an account actor or a bot can
/// correlate the event stream without remembering the commands it sent.
template <class Book>
class event_identity_test : public book_test<Book> {};
TYPED_TEST_SUITE(event_identity_test, book_types);

TYPED_TEST(event_identity_test, rejected_new_order_carries_the_request) {
  auto r = this->limit(7, side::sell, 10'001, 40);
  r.client_ref = 4242;
  EXPECT_EQ(this->put(r), 0u);
  ASSERT_EQ(this->kinds(), (std::vector{rejected}));
  const auto& e = this->ev[0];
  EXPECT_EQ(e.reason, reason_code::off_tick);
  EXPECT_EQ(e.order, 0u);
  EXPECT_EQ(e.owner, 7u);
  EXPECT_EQ(e.client_ref, 4242u);
  EXPECT_EQ(e.order_side, side::sell);
  EXPECT_EQ(e.price, 10'001);
  EXPECT_EQ(e.qty, 40);
}

TYPED_TEST(event_identity_test, rejected_replace_carries_the_owners_handle_only_for_the_owner) {
  auto r = this->limit(3, side::sell, 10'000, 100);
  r.client_ref = 77;
  const auto id = this->put(r);
  this->replace(id, 3, 10'001, 100);
  ASSERT_EQ(this->kinds(), (std::vector{rejected}));
  EXPECT_EQ(this->ev[0].reason, reason_code::off_tick);
  EXPECT_EQ(this->ev[0].order, id);
  EXPECT_EQ(this->ev[0].owner, 3u);
  EXPECT_EQ(this->ev[0].client_ref, 77u);
  EXPECT_EQ(this->ev[0].order_side, side::sell);
  EXPECT_EQ(this->ev[0].price, 10'001);
  this->replace(id, 4, 10'005, 100);
  ASSERT_EQ(this->kinds(), (std::vector{rejected}));
  EXPECT_EQ(this->ev[0].reason, reason_code::unknown_order);
  EXPECT_EQ(this->ev[0].owner, 4u);
  EXPECT_EQ(this->ev[0].client_ref, 0u);
  this->cancel(id, 4);
  ASSERT_EQ(this->kinds(), (std::vector{rejected}));
  EXPECT_EQ(this->ev[0].owner, 4u);
  EXPECT_EQ(this->ev[0].client_ref, 0u);
}

TYPED_TEST(event_identity_test, every_event_of_a_random_stream_names_its_orders_owner_and_client_ref) {
  const auto rules = test_instrument();
  this->book = TypeParam{rules};
  book_command_gen gen{11, rules};
  std::map<order_id, std::pair<account_id, std::uint64_t>> who; // every order ever accepted
  std::size_t checked = 0;
  for (int i = 0; i < 20'000; ++i) {
    const auto c = gen.next();
    this->ev.clear();
    apply(this->book, c, this->ev);
    for (const auto& e : this->ev) {
      if (e.kind == accepted)
        who[e.order] = {e.owner, e.client_ref};
      if (e.kind == rejected) {
        if (c.what == book_command::kind::submit) {
          EXPECT_EQ(std::pair(e.owner, e.client_ref), std::pair(c.request.owner, c.request.client_ref));
        } else {
          EXPECT_EQ(e.owner, c.who);
        }
        continue;
      }
      ASSERT_TRUE(who.contains(e.order)) << "command " << i;
      EXPECT_EQ(std::pair(e.owner, e.client_ref), who[e.order]) << "command " << i;
      if (e.kind == fill) {
        EXPECT_EQ(std::pair(e.maker_owner, e.maker_client_ref), who[e.maker_order]) << "command " << i;
      }
      ++checked;
    }
    gen.observe(this->ev);
  }
  EXPECT_GT(checked, 20'000u);
}

} // namespace
} // namespace bourse::testing
