#include "persistence/account_checkpoint.hpp"

#include <algorithm>
#include <vector>

#include <caf/send.hpp>

#include "persistence/checkpoint_codec.hpp"

namespace bourse {
namespace {

constexpr std::string_view magic = "BRCK";

template <class Map>
std::vector<typename Map::const_iterator> in_key_order(const Map& map) {
  std::vector<typename Map::const_iterator> items;
  items.reserve(map.size());
  for (auto it = map.begin(); it != map.end(); ++it)
    items.push_back(it);
  std::ranges::sort(items, {}, [](const auto& it) { return it->first; });
  return items;
}

pg_error rejected(std::string why) {
  return {reason_code::persistence_failed, {}, "account checkpoint rejected: " + std::move(why)};
}

} // namespace

/// The checkpoint codec's access to the ledger account's private members.
struct account_image {
  static void save(image_writer& w, const account& a) {
    w.u(a.id_);
    w.u(static_cast<std::uint64_t>(a.state_));
    for (cents c : {a.free_, a.reserved_, a.posted_, a.short_proceeds_, a.borrowed_, a.deposited_,
                    a.withdrawn_, a.fees_paid_})
      w.s(c);
    w.u(a.positions_.size());
    for (const auto& [symbol, p] : a.positions_) {
      w.str(symbol);
      for (std::int64_t v : {p.spot, p.spot_reserved, p.spot_cost, p.margin, p.margin_closing, p.margin_cost,
                             p.margin_posted, p.realized_pnl})
        w.s(v);
    }
    w.u(a.orders_.size());
    for (const auto& [ref, r] : a.orders_) {
      w.u(ref);
      w.str(r.symbol);
      w.u(static_cast<std::uint64_t>(r.intent));
      for (std::int64_t v : {r.price, r.limit, r.open_qty, r.cash, r.fee_bps, r.margin_bps, r.lot,
                             r.replace_price, r.replace_qty, r.replace_held})
        w.s(v);
    }
    w.u(a.holds_.size());
    for (const auto& [ref, amount] : a.holds_) {
      w.u(ref);
      w.s(amount);
    }
    w.u(a.share_holds_.size());
    for (const auto& [ref, held] : a.share_holds_) {
      w.u(ref);
      w.str(held.first);
      w.s(held.second);
    }
  }

  static void load(image_reader& r, account& a) {
    a.id_ = r.u();
    a.state_ = static_cast<risk_state>(r.u());
    for (cents* c : {&a.free_, &a.reserved_, &a.posted_, &a.short_proceeds_, &a.borrowed_, &a.deposited_,
                     &a.withdrawn_, &a.fees_paid_})
      *c = r.s();
    for (auto n = r.count(); n > 0; --n) {
      auto& p = a.positions_[r.str()];
      for (std::int64_t* v : {&p.spot, &p.spot_reserved, &p.spot_cost, &p.margin, &p.margin_closing,
                              &p.margin_cost, &p.margin_posted, &p.realized_pnl})
        *v = r.s();
    }
    for (auto n = r.count(); n > 0; --n) {
      auto& o = a.orders_[r.u()];
      o.symbol = r.str();
      o.intent = static_cast<order_intent>(r.u());
      for (std::int64_t* v : {&o.price, &o.limit, &o.open_qty, &o.cash, &o.fee_bps, &o.margin_bps, &o.lot,
                              &o.replace_price, &o.replace_qty, &o.replace_held})
        *v = r.s();
    }
    for (auto n = r.count(); n > 0; --n) {
      const auto ref = r.u();
      a.holds_[ref] = r.s();
    }
    for (auto n = r.count(); n > 0; --n) {
      const auto ref = r.u();
      auto symbol = r.str();
      a.share_holds_[ref] = {std::move(symbol), r.s()};
    }
  }
};

std::string encode_checkpoint(const account_actor_state& st) {
  auto out = begin_image(magic, checkpoint_version);
  image_writer w{out};
  account_image::save(w, st.acc);
  w.u(st.results.size());
  st.results.for_each_oldest_first([&w](std::uint64_t ref, const order_result& result) {
    w.u(ref);
    w.u(result.client_order_id);
    w.str(result.symbol);
    w.u(result.id);
    w.u(static_cast<std::uint64_t>(result.reason));
  });
  w.u(st.orders.size());
  for (const auto& it : in_key_order(st.orders)) {
    w.u(it->first);
    w.str(it->second.symbol);
    w.u(it->second.id);
  }
  w.u(st.applied.size());
  for (const auto& [symbol, seq] : st.applied) {
    w.str(symbol);
    w.u(seq);
  }
  w.u(st.journaled);
  w.u(st.auctions_settled.size());
  for (const auto lot : st.auctions_settled)
    w.u(lot);
  w.s(st.house_credited);
  seal_image(out);
  return out;
}

pg_expected<account_actor_state> decode_checkpoint(std::string_view image, risk_limits limits) {
  const auto body = open_image(image, magic, checkpoint_version, "account checkpoint");
  if (!body)
    return body.error();
  image_reader r{*body};
  account_actor_state st{0, limits};
  account_image::load(r, st.acc);
  for (auto n = r.count(); n > 0; --n) {
    const auto ref = r.u();
    order_result result;
    result.client_order_id = r.u();
    result.symbol = r.str();
    result.id = r.u();
    result.reason = static_cast<reason_code>(r.u());
    st.results.record(ref, std::move(result));
  }
  for (auto n = r.count(); n > 0; --n) {
    const auto ref = r.u();
    auto symbol = r.str();
    st.orders.emplace(ref, account_actor_state::order_info{std::move(symbol), r.u()});
  }
  for (auto n = r.count(); n > 0; --n) {
    auto symbol = r.str();
    st.applied.emplace(std::move(symbol), r.u());
  }
  st.journaled = r.u();
  for (auto n = r.count(); n > 0; --n)
    st.auctions_settled.insert(r.u());
  st.house_credited = r.s();
  if (!r.ok() || !r.done())
    return rejected("truncated or malformed image");
  return st;
}

checkpoint_schedule::checkpoint_schedule(persistence_actor persistence, sequence every, sequence journaled)
    : persistence_(std::move(persistence)), every_(every), last_(journaled) {
  // nop
}

std::optional<account_checkpoint> checkpoint_schedule::due(const account_actor_state& st) {
  if (!persistence_ || every_ == 0 || failed_ || st.journaled < last_ + every_)
    return std::nullopt;
  last_ = st.journaled;
  return account_checkpoint{st.acc.id(), st.journaled, encode_checkpoint(st)};
}

void checkpoint_schedule::acked(bool ok, std::optional<account_checkpoint> checkpoint) {
  failed_ = failed_ || !ok;
  if (checkpoint && !failed_)
    write(std::move(*checkpoint));
}

void checkpoint_schedule::passivating(const account_actor_state& st) {
  if (!persistence_ || every_ == 0 || failed_ || st.journaled <= last_)
    return;
  last_ = st.journaled;
  write(account_checkpoint{st.acc.id(), st.journaled, encode_checkpoint(st)});
}

void checkpoint_schedule::write(account_checkpoint checkpoint) const {
  persist_request request;
  request.account = checkpoint.account;
  request.checkpoints.push_back(std::move(checkpoint));
  request.refusable = true;
  caf::anon_send(persistence_, atoms::persist::value, std::move(request));
}

} // namespace bourse
