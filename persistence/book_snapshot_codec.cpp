#include "persistence/book_snapshot_codec.hpp"

#include <vector>

#include <caf/send.hpp>

#include "persistence/checkpoint_codec.hpp"

namespace bourse {
namespace {

constexpr std::string_view magic = "BRBK";

template <class Enum>
std::uint64_t raw(Enum value) noexcept {
  return static_cast<std::uint64_t>(value);
}

void save(image_writer& w, const std::vector<resting_order>& orders) {
  w.u(orders.size());
  for (const auto& o : orders) {
    const auto& r = o.request;
    w.u(o.id);
    w.u(r.owner);
    w.u(r.client_ref);
    w.u(raw(r.order_side));
    w.u(raw(r.type));
    w.u(raw(r.tif));
    for (std::int64_t v : {r.price, r.stop_price, r.qty, r.display_qty, r.expire_time})
      w.s(v);
    w.u(r.post_only);
    w.u(raw(r.stp));
    w.s(o.open_qty);
    w.s(o.shown_qty);
    w.u(o.triggered);
  }
}

void load(image_reader& in, std::vector<resting_order>& orders) {
  orders.resize(in.count());
  for (auto& o : orders) {
    auto& r = o.request;
    o.id = in.u();
    r.owner = in.u();
    r.client_ref = in.u();
    r.order_side = static_cast<side>(in.u());
    r.type = static_cast<order_type>(in.u());
    r.tif = static_cast<time_in_force>(in.u());
    for (std::int64_t* v : {&r.price, &r.stop_price, &r.qty, &r.display_qty, &r.expire_time})
      *v = in.s();
    r.post_only = in.u() != 0;
    r.stp = static_cast<stp_mode>(in.u());
    o.open_qty = in.s();
    o.shown_qty = in.s();
    o.triggered = in.u() != 0;
  }
}

} // namespace

std::string encode_book_snapshot(const book_state& st) {
  const auto book = st.book.snapshot();
  auto out = begin_image(magic, book_snapshot_version);
  out.reserve(64 + 40 * (book.bids.size() + book.asks.size() + book.stops.size()) + 12 * st.replies.size());
  image_writer w{out};
  w.u(st.journaled);
  w.u(book.last_sequence);
  w.u(book.next_order_id);
  w.s(book.last_trade_price);
  w.s(book.reference_price);
  w.u(book.halted);
  for (const auto* orders : {&book.bids, &book.asks, &book.stops})
    save(w, *orders);
  w.u(st.replies.size());
  for (const auto& [key, reply] : st.replies) {
    w.u(key.owner);
    w.u(key.client_ref);
    w.u(reply.id);
    w.u(raw(reply.reason));
  }
  seal_image(out);
  return out;
}

pg_expected<std::shared_ptr<book_state>> decode_book_snapshot(std::string_view image,
                                                              const instrument& rules) {
  const auto body = open_image(image, magic, book_snapshot_version, "book snapshot");
  if (!body)
    return body.error();
  image_reader in{*body};
  const sequence journaled = in.u();
  book_snapshot book;
  book.last_sequence = in.u();
  book.next_order_id = in.u();
  book.last_trade_price = in.s();
  book.reference_price = in.s();
  book.halted = in.u() != 0;
  for (auto* orders : {&book.bids, &book.asks, &book.stops})
    load(in, *orders);
  auto st = std::make_shared<book_state>(rules);
  const auto replies = in.count();
  st->replies.reserve(replies);
  for (auto n = replies; n > 0; --n) {
    book_state::submit_key key;
    key.owner = in.u();
    key.client_ref = in.u();
    book_reply reply;
    reply.id = in.u();
    reply.reason = static_cast<reason_code>(in.u());
    st->replies.emplace(key, reply);
  }
  if (!in.ok() || !in.done())
    return pg_error{
        reason_code::persistence_failed, {}, "book snapshot rejected: truncated or malformed image"};
  st->book = order_book{rules, book};
  st->journaled = journaled;
  return st;
}

book_snapshot_schedule::book_snapshot_schedule(persistence_actor persistence, sequence every,
                                               sequence journaled)
    : persistence_(std::move(persistence)), every_(every), last_(journaled) {
  // nop
}

std::optional<book_snapshot_record> book_snapshot_schedule::due(const book_state& st) {
  if (!persistence_ || every_ == 0 || failed_ || st.journaled < last_ + every_)
    return std::nullopt;
  last_ = st.journaled;
  return book_snapshot_record{st.book.rules().symbol, st.journaled, encode_book_snapshot(st)};
}

void book_snapshot_schedule::acked(bool ok, std::optional<book_snapshot_record> snapshot) {
  failed_ = failed_ || !ok;
  if (!snapshot || failed_)
    return;
  persist_request request;
  request.symbol = snapshot->symbol;
  request.book_snapshots.push_back(std::move(*snapshot));
  request.refusable = true;
  caf::anon_send(persistence_, atoms::persist::value, std::move(request));
}

} // namespace bourse
