#include "actors/account/account_shell.hpp"

#include <optional>

namespace bourse {
namespace {

/// The answer to a client's order or replace: given once both the account's entry is durable and
/// the book has answered, in whichever order they arrive; PERSISTENCE_FAILED when the entry was not
/// journaled.
struct joint_answer {
  caf::typed_response_promise<order_result> rp;
  std::optional<bool> durable;
  std::optional<order_result> book;

  static std::shared_ptr<joint_answer> make(caf::typed_response_promise<order_result> rp) {
    auto answer = std::make_shared<joint_answer>();
    answer->rp = std::move(rp);
    return answer;
  }
  void journaled(bool ok) {
    durable = ok;
    settle();
  }
  void answered(order_result result) {
    book = std::move(result);
    settle();
  }
  void settle() {
    if (!durable || !book)
      return;
    if (!*durable)
      book->reason = reason_code::persistence_failed;
    rp.deliver(*book);
  }
};

} // namespace

cents account_shell::reference(std::string_view symbol) const {
  if (const cents now = where_->reference_price(symbol); now > 0)
    return now;
  const auto& table = instruments_->current();
  const auto listed = table.find(symbol);
  return listed == table.end() ? 0 : listed->second.reference_price;
}

caf::result<order_result> account_shell::place(const new_order& order) {
  auto& st = *st_;
  if (const auto* done = st.results.find(order.client_order_id))
    return reply_when_durable(*done);
  order_result result{order.client_order_id, order.symbol, 0, reason_code::none};
  if (!st.orders.contains(order.client_order_id)) {
    if (busy()) {
      result.reason = reason_code::busy;
      return result;
    }
    account_entry entry;
    entry.order = order;
    entry.amount = reference(order.symbol);
    result.reason = record(std::move(entry)).reason;
    if (result.reason != reason_code::none)
      return reply_when_durable(result);
  }
  // The PLACE entry and the order leave together: the book journals its SUBMIT through the same
  // persistence actor, which commits in arrival order, so the order is never durable in the book
  // without its reservation. The client's answer waits for both the entry and the book.
  auto answer = joint_answer::make(self_->make_response_promise<order_result>());
  durable_then([answer](bool ok) { answer->journaled(ok); });
  route([answer](order_result routed) { answer->answered(std::move(routed)); },
        to_request(st.acc.id(), order), std::move(result));
  return answer->rp;
}

void account_shell::submitted(std::uint64_t client_order_id, const book_reply& reply) {
  auto waiters = submits_.take(client_order_id);
  const auto known = st_->orders.find(client_order_id);
  if (!waiters.empty())
    settle_submit(waiters.front().result.symbol, client_order_id, reply, waiters);
  else if (known != st_->orders.end())
    settle_submit(known->second.symbol, client_order_id, reply, waiters);
}

void account_shell::settle_submit(const std::string& symbol, std::uint64_t client_order_id,
                                  const book_reply& reply, std::vector<pending_submits::waiting>& waiters) {
  const order_result result{client_order_id, symbol, reply.id, reply.reason};
  if (reply.reason == reason_code::busy && reply.id == 0) {
    if (st_->orders.contains(client_order_id))
      refuse(result);
  } else if (reply.reason != reason_code::persistence_failed) {
    st_->results.record(client_order_id, result);
  }
  for (auto& waiter : waiters)
    waiter.done(result);
}

void account_shell::expire_submits() {
  auto expiry = submits_.tick(self_->clock().now());
  for (auto& waiter : expiry.expired) {
    waiter.result.reason = reason_code::timeout;
    waiter.done(std::move(waiter.result));
  }
  if (expiry.next)
    self_->delayed_send(self_, *expiry.next, atoms::expire::value);
}

void account_shell::refuse(const order_result& result) {
  account_entry entry;
  entry.kind = account_entry_kind::refused;
  entry.symbol = result.symbol;
  entry.order.client_order_id = result.client_order_id;
  record(std::move(entry));
  durable_then([](bool) {
    // nop: a lost release leaves a reservation that a resend routes again
  });
}

caf::result<order_result> account_shell::cancel(const std::string& symbol, std::uint64_t client_order_id) {
  auto result = known_order(symbol, client_order_id);
  if (result.reason != reason_code::none)
    return result;
  auto rp = self_->make_response_promise<order_result>();
  const order_id id = result.id;
  ask_book([rp](order_result answered) mutable { rp.deliver(std::move(answered)); }, std::move(result),
           [] {
             // nop: the client retries
           },
           atoms::cancel::value, id, st_->acc.id());
  return rp;
}

caf::result<order_result> account_shell::replace(const std::string& symbol, std::uint64_t client_order_id,
                                                 cents price, quantity qty) {
  auto result = known_order(symbol, client_order_id);
  if (result.reason != reason_code::none)
    return result;
  if (busy()) {
    result.reason = reason_code::busy;
    return result;
  }
  account_entry entry;
  entry.kind = account_entry_kind::replace;
  entry.symbol = symbol;
  entry.order.client_order_id = client_order_id;
  entry.order.price = price;
  entry.order.qty = qty;
  entry.amount = reference(symbol);
  result.reason = record(std::move(entry)).reason;
  if (result.reason != reason_code::none)
    return result;
  // As for a new order, the hold's entry and the request to the book leave together.
  auto answer = joint_answer::make(self_->make_response_promise<order_result>());
  durable_then([answer](bool ok) { answer->journaled(ok); });
  const order_id id = result.id;
  ask_book([answer](order_result answered) { answer->answered(std::move(answered)); }, std::move(result),
           [this, symbol, client_order_id] { abort_replace(symbol, client_order_id); }, atoms::replace::value,
           id, st_->acc.id(), price, qty);
  return answer->rp;
}

void account_shell::abort_replace(const std::string& symbol, std::uint64_t client_order_id) {
  account_entry entry;
  entry.kind = account_entry_kind::abort_replace;
  entry.symbol = symbol;
  entry.order.client_order_id = client_order_id;
  record(std::move(entry));
  durable_then([](bool) {
    // nop: a lost abort leaves the hold until the book's report settles it
  });
}

order_result account_shell::known_order(const std::string& symbol, std::uint64_t client_order_id) const {
  order_result result{client_order_id, symbol, 0, reason_code::unknown_order};
  auto it = st_->orders.find(client_order_id);
  if (it == st_->orders.end() || it->second.id == 0 || it->second.symbol != symbol)
    return result;
  result.id = it->second.id;
  result.reason = reason_code::none;
  return result;
}

void account_shell::shrink(const std::string& symbol, const book_event& replaced) {
  auto book = where_->book(symbol);
  if (!book)
    return;
  const reservation* left = st_->acc.find_order(replaced.client_ref);
  auto done = [](reason_code) {
    // nop: the book's report moves the ledger
  };
  auto failed = [](caf::error&) {
    // nop: a book that restarts resends its reports; the order stays as the book has it
  };
  if (left == nullptr)
    self_->request(book, cfg_.book_timeout, atoms::cancel::value, replaced.order, st_->acc.id())
        .then(done, failed);
  else
    self_
        ->request(book, cfg_.book_timeout, atoms::replace::value, replaced.order, st_->acc.id(),
                  replaced.price, left->open_qty)
        .then(done, failed);
}

} // namespace bourse
