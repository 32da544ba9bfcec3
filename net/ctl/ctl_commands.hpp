#pragma once

#include <ostream>

namespace bourse::net::ctl {

/// bourse-ctl, the operator's command line over a node's REST API (docs/operations.md):
///   bourse-ctl [--node URL] [--token T | --username U --password P] COMMAND [ARGS]
/// with COMMAND one of health, metrics, instruments, ticker, leaderboard, auctions, bots, halt SYMBOL,
/// resume SYMBOL, deposit ACCOUNT CENTS, freeze ACCOUNT, unfreeze ACCOUNT, role USER ROLE, instrument add
/// SYMBOL REFERENCE_CENTS [--name --type --sector --tick-size --lot-size ... --no-margin]. Commands
/// that need an admin sign in with --token (BOURSE_TOKEN) or log in with --username/--password
/// (BOURSE_USERNAME, BOURSE_PASSWORD). Prints the node's answer (JSON, or the metrics text) to `out`.
/// Returns 0 on success, 1 when the node refused (`CODE: message` on `err`), 2 for bad usage, 3 when
/// the node could not be reached.
int run_ctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

} // namespace bourse::net::ctl
