#pragma once

#include <cstdint>
#include <filesystem>
#include <future>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace bourse::test {

/// The JWT secret every node_process runs with (auth.jwt_secret): tests can mint tokens for it.
inline constexpr const char* node_jwt_secret = "crash-test-secret-0123456789abcdef0123456789";

/// A bourse-node child process on 127.0.0.1 with its own data directory (a temporary directory
/// readable by the postgres user, holding the embedded cluster under pg/ and the node's output in
/// node.log). The node is started with a fixed JWT secret so tokens survive restarts, and without
/// the bot gateway. The destructor kills the node, stops the cluster and removes the directory.
class node_process {
public:
  /// `binary` is the bourse-node executable, `source_dir` the repository root (its working
  /// directory: config/market.toml, docs/openapi.json, node_modules).
  node_process(std::filesystem::path binary, std::filesystem::path source_dir);
  node_process(const node_process&) = delete;
  node_process& operator=(const node_process&) = delete;
  ~node_process();

  /// Starts the node and waits up to `timeout` until it serves HTTP; returns its port. Throws
  /// std::runtime_error when it exits or stays silent (the message names node.log).
  std::uint16_t start(std::chrono::seconds timeout);
  /// SIGKILL, reaped; its PostgreSQL keeps running, so it is stopped (fast shutdown, which keeps
  /// every committed transaction) for the next start to own it again.
  void kill_hard();
  /// SIGTERM and wait: the node drains its persistence queue and stops its cluster.
  void stop_gracefully();

  /// The data directory (the embedded cluster is under pg/).
  const std::filesystem::path& data_dir() const noexcept { return dir_; }
  /// The running node's process id, -1 when it is not running.
  pid_t pid() const noexcept { return pid_; }

private:
  void reap();
  void stop_cluster() const;

  std::filesystem::path binary_;
  std::filesystem::path source_dir_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::jthread reader_;
};

} // namespace bourse::test
