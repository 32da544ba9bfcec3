#include "actors/book/report_outbox.hpp"

namespace bourse {

bool report_outbox::add(account_id owner, const execution_report& report, std::size_t dest) {
  auto& q = queues_[owner];
  if (q.unacked.emplace(report.event.seq, report).second)
    ++unacked_count_;
  if (q.in_flight > 0 && q.dest != dest)
    q.recovering = true;
  if (q.recovering)
    return false;
  q.dest = dest;
  ++q.in_flight;
  return true;
}

bool report_outbox::settle(account_id owner, sequence seq, bool ok) {
  auto it = queues_.find(owner);
  if (it == queues_.end())
    return false;
  auto& q = it->second;
  if (q.in_flight > 0)
    --q.in_flight;
  if (ok)
    unacked_count_ -= q.unacked.erase(seq);
  else
    q.recovering = true;
  return q.recovering && q.in_flight == 0;
}

std::vector<execution_report> report_outbox::retry(account_id owner, std::size_t dest) {
  auto it = queues_.find(owner);
  if (it == queues_.end() || !it->second.recovering || it->second.in_flight > 0)
    return {};
  return resend_all(it->second, dest);
}

std::vector<std::pair<account_id, std::vector<execution_report>>> report_outbox::restart() {
  std::vector<std::pair<account_id, std::vector<execution_report>>> out;
  for (auto& [owner, q] : queues_)
    if (!q.unacked.empty())
      out.emplace_back(owner, resend_all(q, 0));
  return out;
}

std::size_t report_outbox::unacknowledged() const noexcept {
  return unacked_count_;
}

std::vector<execution_report> report_outbox::resend_all(queue& q, std::size_t dest) {
  std::vector<execution_report> out;
  out.reserve(q.unacked.size());
  for (const auto& [seq, report] : q.unacked)
    out.push_back(report);
  q.recovering = false;
  q.in_flight = out.size();
  q.dest = dest;
  return out;
}

} // namespace bourse
