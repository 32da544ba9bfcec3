#include "persistence/persistence_actor.hpp"

#include <deque>
#include <memory>

#include <caf/actor_cast.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

// Internal message from the writer thread to its own actor; it never leaves the process.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(bourse::commit_report)

namespace bourse {
namespace {

using persistence_impl = persistence_actor::extend<caf::reacts_to<atoms::committed, commit_report>>;

class persistence_shell {
public:
  persistence_shell(persistence_impl::pointer self, persistence_config cfg) : self_(self) {
    auto notify = [addr = self->address()](commit_report report) {
      if (auto me = caf::actor_cast<caf::actor>(addr))
        caf::anon_send(me, atoms::committed::value, std::move(report));
    };
    committer_ =
        std::make_unique<group_committer>(std::move(cfg.commit), std::move(notify), std::move(cfg.fault));
  }

  static persistence_impl::behavior_type behavior(std::shared_ptr<persistence_shell> s) {
    return {
        [s](atoms::persist, persist_request& request) -> caf::result<durable_ack> {
          return s->persist(std::move(request));
        },
        [s](caf::get_atom, atoms::persist) { return s->committer_->stats(); },
        [s](atoms::committed, commit_report& report) { s->acknowledge(report); },
    };
  }

private:
  caf::result<durable_ack> persist(persist_request request) {
    const auto ticket = committer_->submit(std::move(request));
    if (ticket == 0)
      return durable_ack{reason_code::busy, 0};
    waiting_.push_back(self_->make_response_promise<durable_ack>());
    return waiting_.back();
  }

  /// Answers the requests of one batch, oldest first.
  void acknowledge(const commit_report& report) {
    auto failed = report.failed.begin();
    for (auto ticket = report.first; ticket <= report.last && !waiting_.empty(); ++ticket) {
      durable_ack ack{reason_code::none, report.batch_no};
      if (failed != report.failed.end() && failed->first == ticket)
        ack = durable_ack{(failed++)->second, 0};
      waiting_.front().deliver(ack);
      waiting_.pop_front();
    }
  }

  persistence_impl::pointer self_;
  std::unique_ptr<group_committer> committer_;
  std::deque<caf::typed_response_promise<durable_ack>> waiting_; ///< in ticket order
};

} // namespace

persistence_actor spawn_persistence(caf::actor_system& sys, persistence_config cfg) {
  // The config goes in as a spawn argument: CAF 0.17 dereferences a null argument tuple (UB) when a
  // function-based actor is spawned without any.
  auto impl = sys.spawn(
      [](persistence_impl::pointer self, persistence_config c) {
        return persistence_shell::behavior(std::make_shared<persistence_shell>(self, std::move(c)));
      },
      std::move(cfg));
  return caf::actor_cast<persistence_actor>(impl);
}

} // namespace bourse
