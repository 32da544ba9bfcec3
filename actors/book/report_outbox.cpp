#include "actors/book/report_outbox.hpp"

namespace bourse {

report_outbox::admission report_outbox::add(account_id owner, execution_report& report, std::size_t dest) {
  auto& q = queues_[owner];
  if (report.event.seq <= q.last_added)
    return {}; // already queued (a book replays nothing twice; defensive)
  if (!q.unacked.empty() && q.dest != dest)
    q.holding = true;
  report.after = q.last_added;
  q.last_added = report.event.seq;
  q.unacked.push_back(report);
  ++unacked_count_;
  admission out;
  if (!q.timer) {
    q.timer = true;
    q.acked_at_tick = q.acked;
    out.arm_timer = true;
  }
  if (!q.holding) {
    q.dest = dest;
    out.send = true;
  }
  return out;
}

void report_outbox::acknowledge(account_id owner, sequence applied) {
  auto it = queues_.find(owner);
  if (it == queues_.end())
    return;
  auto& q = it->second;
  while (!q.unacked.empty() && q.unacked.front().event.seq <= applied) {
    q.unacked.pop_front();
    --unacked_count_;
  }
  if (applied > q.acked)
    q.acked = applied;
}

std::vector<execution_report> report_outbox::gap(account_id owner, sequence dropped, std::size_t dest) {
  auto it = queues_.find(owner);
  if (it == queues_.end() || dropped <= it->second.resent_through)
    return {};
  return resend_all(it->second, dest);
}

report_outbox::retry report_outbox::tick(account_id owner, std::size_t dest) {
  auto it = queues_.find(owner);
  if (it == queues_.end())
    return {};
  auto& q = it->second;
  q.timer = false;
  if (q.unacked.empty())
    return {};
  retry out;
  if (q.acked == q.acked_at_tick)
    out.resend = resend_all(q, dest);
  q.acked_at_tick = q.acked;
  q.timer = true;
  out.arm_timer = true;
  return out;
}

std::vector<std::pair<account_id, std::vector<execution_report>>> report_outbox::restart() {
  std::vector<std::pair<account_id, std::vector<execution_report>>> out;
  for (auto& [owner, q] : queues_) {
    q.timer = !q.unacked.empty();
    q.acked_at_tick = q.acked;
    if (q.timer)
      out.emplace_back(owner, resend_all(q, 0));
  }
  return out;
}

std::size_t report_outbox::unacknowledged() const noexcept {
  return unacked_count_;
}

std::vector<execution_report> report_outbox::resend_all(queue& q, std::size_t dest) {
  q.holding = false;
  q.dest = dest;
  q.resent_through = q.last_added;
  return {q.unacked.begin(), q.unacked.end()};
}

} // namespace bourse
