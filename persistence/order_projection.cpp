#include "persistence/order_projection.hpp"

#include <functional>
#include <unordered_set>
#include <utility>

namespace bourse {

std::size_t order_fold::client_hash::operator()(const client_key& k) const noexcept {
  return std::hash<std::int64_t>{}(k.user_id * 0x9e3779b97f4a7c15LL ^ k.client_ref);
}

void order_fold::add_submit(submit_row submit) {
  const client_key key{submit.user_id, submit.client_ref};
  submits_.insert_or_assign(key, std::move(submit));
}

void order_fold::add_existing(order_row row) {
  row.fresh = false;
  const auto id = row.book_order_id;
  orders_.insert_or_assign(id, std::move(row));
}

std::vector<std::int64_t> order_fold::touched_before(const std::vector<event_row>& events) {
  std::unordered_set<std::int64_t> opened;
  std::unordered_set<std::int64_t> seen;
  std::vector<std::int64_t> out;
  auto touch = [&](std::int64_t id) {
    if (!opened.contains(id) && seen.insert(id).second)
      out.push_back(id);
  };
  for (const auto& e : events) {
    if (e.kind == "ACCEPTED")
      opened.insert(e.order_id);
    else if (e.kind != "REJECTED")
      touch(e.order_id);
    if (e.kind == "FILL")
      touch(e.maker_order_id);
  }
  return out;
}

void order_fold::apply(const event_row& e) {
  if (e.kind == "ACCEPTED")
    return open(e, false);
  if (e.kind == "REJECTED") {
    if (e.order_id == 0) // a rejected cancel or replace names its order and changes nothing
      open(e, true);
    return;
  }
  if (e.kind == "FILL") {
    for (const bool maker : {false, true}) {
      auto* row = find(maker ? e.maker_order_id : e.order_id);
      if (row == nullptr)
        continue;
      row->filled += e.qty;
      row->updated = e.time;
      settle(*row, maker ? e.maker_remaining : e.remaining, row->reason.empty() ? "FILLED" : "CANCELED");
    }
    return;
  }
  auto* row = find(e.order_id);
  if (row == nullptr)
    return;
  row->updated = e.time;
  row->reason.clear();
  if (e.kind == "CANCELLED") {
    row->reason = e.reason;
    settle(*row, e.remaining, "CANCELED");
  } else if (e.kind == "EXPIRED") {
    settle(*row, e.remaining, "EXPIRED");
  } else if (e.kind == "REPLACED") {
    row->price = e.price;
    row->qty = row->filled + e.remaining;
    settle(*row, e.remaining, "FILLED");
  } else { // TRIGGERED: the stop now works as a MARKET or LIMIT order
    settle(*row, e.remaining, "FILLED");
  }
}

std::vector<order_row> order_fold::rows() const {
  std::vector<order_row> out = rejected_;
  out.reserve(out.size() + orders_.size());
  for (const auto& [id, row] : orders_)
    out.push_back(row);
  return out;
}

void order_fold::open(const event_row& e, bool rejected) {
  const auto submit = submits_.find({e.user_id, e.client_ref});
  if (submit == submits_.end()) {
    ++orphans_;
    return;
  }
  const auto& s = submit->second;
  order_row row{.book_order_id = e.order_id,
                .user_id = e.user_id,
                .client_order_id = e.client_ref,
                .side = s.side,
                .type = s.type,
                .tif = s.tif,
                .stp = s.stp,
                .price = s.price,
                .stop_price = s.stop_price,
                .qty = s.qty,
                .display_qty = s.display_qty,
                .expire_time = s.expire_time,
                .post_only = s.post_only,
                .status = rejected ? "REJECTED" : "OPEN",
                .reason = rejected ? e.reason : std::string{},
                .created = e.time,
                .updated = e.time,
                .fresh = true};
  submits_.erase(submit);
  if (rejected)
    rejected_.push_back(std::move(row));
  else
    orders_.insert_or_assign(e.order_id, std::move(row));
}

void order_fold::settle(order_row& row, quantity open_qty, const char* closed_status) {
  row.status = open_qty > 0 ? "OPEN" : closed_status;
}

order_row* order_fold::find(std::int64_t book_order_id) {
  const auto it = orders_.find(book_order_id);
  if (it != orders_.end())
    return &it->second;
  ++orphans_;
  return nullptr;
}

} // namespace bourse
