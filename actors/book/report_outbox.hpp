#pragma once

#include <cstddef>
#include <deque>
#include <unordered_map>
#include <utility>
#include <vector>

#include "actors/runtime/order_messages.hpp"

namespace bourse {

/// Execution reports a book has sent but an account has not yet acknowledged, per account.
/// Reports go out as one-way messages in sequence order; the account acknowledges cumulatively
/// (the last sequence it applied). Delivery is at least once and gap-free:
/// - each report names the previous one sent to the same account (`after`); an account that has
///   not applied that one drops the report and says so, and everything unacknowledged is resent;
/// - one retry timer per account with unacknowledged reports (not one per report): when it fires
///   and no acknowledgement arrived since the previous firing, everything unacknowledged is resent;
/// - when the account's destination changes (a restarted incarnation) while reports to the old one
///   are unacknowledged, new reports are held until the next resend, which sends them all in order.
/// The account drops sequences it has already applied, so resends are harmless. `dest` identifies
/// an incarnation (a hash of its actor address); 0 = unknown. Plain C++: the book actor sends.
class report_outbox {
public:
  /// What the book does with a report just added.
  struct admission {
    bool send = false;      ///< send it to the destination now (false: held until a resend)
    bool arm_timer = false; ///< arm the account's retry timer (none is armed)
  };

  /// Records `report` for `owner`, setting `report.after`.
  admission add(account_id owner, execution_report& report, std::size_t dest);

  /// `owner` applied every report through book sequence `applied`: forgets them.
  void acknowledge(account_id owner, sequence applied);

  /// `owner` dropped the report of sequence `dropped` because it missed an earlier one: every
  /// unacknowledged report in order, to send to `dest`, unless a resend sent after `dropped` already
  /// covers it (then none).
  std::vector<execution_report> gap(account_id owner, sequence dropped, std::size_t dest);

  /// The retry timer of `owner` fired. `resend` holds every unacknowledged report in order when
  /// none was acknowledged since the previous firing; `arm_timer` when reports remain unacknowledged.
  struct retry {
    std::vector<execution_report> resend;
    bool arm_timer = false;
  };
  retry tick(account_id owner, std::size_t dest);

  /// After a restart of the book actor its timers are gone: every account with unacknowledged
  /// reports, with those reports to send again (destination not yet known) and a timer to arm.
  std::vector<std::pair<account_id, std::vector<execution_report>>> restart();

  /// Reports not yet acknowledged, over all accounts.
  std::size_t unacknowledged() const noexcept;

private:
  struct queue {
    std::deque<execution_report> unacked; ///< in sequence order
    sequence last_added = 0;              ///< sequence of the newest report (the next one's `after`)
    sequence acked = 0;                   ///< highest acknowledged sequence
    sequence acked_at_tick = 0;           ///< `acked` when the timer last fired or was armed
    sequence resent_through = 0;          ///< `last_added` at the last resend
    std::size_t dest = 0;
    bool holding = false; ///< destination changed with reports unacknowledged: hold new ones
    bool timer = false;   ///< a retry timer is armed
  };

  std::vector<execution_report> resend_all(queue& q, std::size_t dest);

  std::unordered_map<account_id, queue> queues_;
  std::size_t unacked_count_ = 0;
};

} // namespace bourse
