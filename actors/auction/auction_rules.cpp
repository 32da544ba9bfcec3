#include "actors/auction/auction_rules.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

namespace bourse {

auction_rules::auction_rules(lot_definition lot, timestamp_ns now) {
  assert(validate_lot(lot) == reason_code::none);
  record_.lot = std::move(lot);
  audit(now, audit_action::created, record_.lot.auctioneer, record_.lot.start_price, reason_code::none);
}

auction_rules::auction_rules(auction_record record) : record_(std::move(record)) {
  // nop
}

reason_code auction_rules::start(account_id by, timestamp_ns now) {
  reason_code why = reason_code::none;
  if (by != record_.lot.auctioneer)
    why = reason_code::forbidden;
  else if (record_.state != auction_state::scheduled)
    why = reason_code::auction_not_scheduled;
  if (why == reason_code::none) {
    record_.state = auction_state::running;
    record_.start_time = now;
    record_.end_time = now + record_.lot.duration_ns;
  }
  audit(now, audit_action::start, by, 0, why);
  return why;
}

reason_code auction_rules::check_bid(account_id bidder, cents price, timestamp_ns now) const {
  if (record_.state != auction_state::running || now >= record_.end_time)
    return reason_code::auction_not_running;
  if (attempts_in_window(bidder, now) >= max_bids_per_window)
    return reason_code::rate_limited;
  const bid_record* top = high();
  if (top != nullptr && top->bidder == bidder && !record_.lot.allow_self_outbid)
    return reason_code::self_outbid;
  if (top != nullptr && price <= top->price)
    return reason_code::outbid;
  if (price < min_next_bid())
    return reason_code::bid_too_low;
  return reason_code::none;
}

bid_outcome auction_rules::place_bid(account_id bidder, cents price, timestamp_ns now) {
  bid_outcome out{.reason = check_bid(bidder, price, now)};
  if (out.reason != reason_code::none) {
    refuse_bid(bidder, price, now, out.reason);
    return out;
  }
  if (const bid_record* top = high(); top != nullptr) {
    out.previous_bidder = top->bidder;
    out.previous_price = top->price;
  }
  count_attempt(bidder, now);
  record_.bids.push_back({.bidder = bidder, .price = price, .time = now});
  audit(now, audit_action::bid, bidder, price, reason_code::none);
  if (record_.end_time - now < record_.lot.extension_window_ns &&
      now + record_.lot.extension_ns > record_.end_time) {
    record_.end_time = now + record_.lot.extension_ns;
    out.extended = true;
    audit(now, audit_action::extended, bidder, price, reason_code::none);
  }
  return out;
}

void auction_rules::refuse_bid(account_id bidder, cents price, timestamp_ns now, reason_code why) {
  if (why != reason_code::rate_limited)
    count_attempt(bidder, now);
  audit(now, audit_action::bid, bidder, price, why);
}

reason_code auction_rules::cancel(account_id by, timestamp_ns now) {
  reason_code why = reason_code::none;
  if (by != record_.lot.auctioneer)
    why = reason_code::forbidden;
  else if (record_.state == auction_state::ended || record_.state == auction_state::cancelled)
    why = reason_code::auction_not_running;
  else if (!record_.bids.empty())
    why = reason_code::auction_has_bids;
  if (why == reason_code::none)
    record_.state = auction_state::cancelled;
  audit(now, audit_action::cancel, by, 0, why);
  return why;
}

std::optional<auction_result> auction_rules::close(timestamp_ns now) {
  if (record_.state != auction_state::running || now < record_.end_time)
    return std::nullopt;
  record_.state = auction_state::ended;
  auction_result result;
  if (const bid_record* top = high(); top != nullptr) {
    result.winner = top->bidder;
    result.price = top->price;
    result.sold = top->price >= record_.lot.reserve_price;
    result.reason = result.sold ? reason_code::none : reason_code::reserve_not_met;
  }
  record_.result = result;
  audit(now, audit_action::ended, result.winner, result.price, result.reason);
  return result;
}

void auction_rules::settle(reason_code why) noexcept {
  record_.settled = true;
  record_.settlement = why;
}

cents auction_rules::min_next_bid() const noexcept {
  const bid_record* top = high();
  return top == nullptr ? record_.lot.start_price : top->price + increment_at(record_.lot, top->price);
}

const bid_record* auction_rules::high() const noexcept {
  return record_.bids.empty() ? nullptr : &record_.bids.back();
}

std::size_t auction_rules::attempts_in_window(account_id bidder, timestamp_ns now) const {
  const auto it = record_.recent_bids.find(bidder);
  if (it == record_.recent_bids.end())
    return 0;
  return static_cast<std::size_t>(std::count_if(
      it->second.begin(), it->second.end(), [&](timestamp_ns t) { return now - t < bid_rate_window_ns; }));
}

void auction_rules::count_attempt(account_id bidder, timestamp_ns now) {
  auto& times = record_.recent_bids[bidder];
  std::erase_if(times, [&](timestamp_ns t) { return now - t >= bid_rate_window_ns; });
  times.push_back(now);
}

void auction_rules::audit(timestamp_ns now, audit_action action, account_id who, cents price,
                          reason_code reason) {
  record_.audit.push_back({.time = now,
                           .action = action,
                           .who = who,
                           .price = price,
                           .reason = reason,
                           .end_time = record_.end_time});
}

} // namespace bourse
