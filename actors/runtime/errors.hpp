#pragma once

#include <caf/error.hpp>
#include <caf/sec.hpp>

#include "actors/common/reason_code.hpp"

namespace bourse {

/// The reason code a caller reports for a failed request between actors: TIMEOUT when it timed out,
/// UNAVAILABLE otherwise (the receiver is down, restarting or unknown). Both are retryable.
inline reason_code to_reason(const caf::error& err) {
  return err == caf::sec::request_timeout ? reason_code::timeout : reason_code::unavailable;
}

} // namespace bourse
