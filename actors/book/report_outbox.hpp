#pragma once

#include <cstddef>
#include <map>
#include <unordered_map>
#include <vector>

#include "actors/runtime/order_messages.hpp"

namespace bourse {

/// Execution reports a book has sent but an account has not yet acknowledged, per account.
/// Delivery is at least once and in sequence order: when one delivery fails, or the account's
/// handle changes (a restarted incarnation) while deliveries to the old one are in flight, the
/// account goes into recovery, new reports are held, and once every in-flight delivery has answered,
/// all unacknowledged reports are resent in sequence order (the account drops sequences it has
/// already applied). `dest` identifies an incarnation (a hash of its actor address); 0 = unknown.
/// Plain C++: the book actor does the sending.
class report_outbox {
public:
  /// Records a report for `owner`; true when it may be sent to `dest` now, false while `owner` recovers.
  bool add(account_id owner, const execution_report& report, std::size_t dest);

  /// Settles one delivery of `seq` to `owner` (`ok` = acknowledged). True when this answer leaves
  /// `owner` in recovery with nothing in flight: the caller should call retry(owner), after a pause.
  bool settle(account_id owner, sequence seq, bool ok);

  /// Ends a recovery: every unacknowledged report of `owner` in sequence order, to send to `dest`.
  std::vector<execution_report> retry(account_id owner, std::size_t dest);

  /// After a restart of the book actor every earlier delivery is forgotten: returns every
  /// unacknowledged report per account, to be sent again (to a destination not yet known).
  std::vector<std::pair<account_id, std::vector<execution_report>>> restart();

  /// Reports not yet acknowledged, over all accounts.
  std::size_t unacknowledged() const noexcept;

private:
  struct queue {
    std::map<sequence, execution_report> unacked;
    std::size_t in_flight = 0;
    std::size_t dest = 0;
    bool recovering = false;
  };

  std::vector<execution_report> resend_all(queue& q, std::size_t dest);

  std::unordered_map<account_id, queue> queues_;
  std::size_t unacked_count_ = 0;
};

} // namespace bourse
