#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace bourse {

/// Where and how to run a private PostgreSQL cluster.
struct private_cluster_options {
  /// Holds data/ (PGDATA), run/ (the unix socket) and the logs; created when missing.
  std::filesystem::path dir;
  /// fsync on; tests turn it off for speed (their data is thrown away).
  bool durable = true;
  /// The PostgreSQL binaries (initdb, pg_ctl); compile definition BOURSE_PG_BIN_DIR.
  std::filesystem::path bin_dir = BOURSE_PG_BIN_DIR;
};

/// A PostgreSQL cluster owned by this process: initdb on first start (trust auth, superuser
/// `postgres`), started on 127.0.0.1 at a free port with its socket in dir/run, stopped on
/// destruction; the data stays in dir. Under euid 0 the server runs as the `postgres` user (it
/// refuses root) and dir is handed to that user.
class private_cluster {
public:
  /// Creates and starts the cluster, waiting until it accepts connections; throws
  /// std::runtime_error (naming the log file) when initdb or the start fails.
  explicit private_cluster(private_cluster_options options);
  private_cluster(const private_cluster&) = delete;
  private_cluster& operator=(const private_cluster&) = delete;
  /// Stops the server (fast shutdown) and waits for it.
  ~private_cluster();

  std::uint16_t port() const noexcept { return port_; }
  /// libpq conninfo through the unix socket, for database `dbname`.
  std::string conninfo(std::string_view dbname = "postgres") const;
  /// postgresql:// URL over TCP on 127.0.0.1, for database `dbname`.
  std::string url(std::string_view dbname = "postgres") const;

private:
  void initdb() const;
  bool start();

  private_cluster_options options_;
  std::uint16_t port_ = 0;
};

} // namespace bourse
