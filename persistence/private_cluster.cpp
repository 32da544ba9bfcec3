#include "persistence/private_cluster.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <optional>
#include <pwd.h>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace bourse {
namespace {

constexpr int start_attempts = 5;

/// Runs `argv` (prefixed by runuser when root), output appended to `log`; returns the exit status.
int run(std::vector<std::string> argv, const std::filesystem::path& log) {
  if (::geteuid() == 0)
    argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  std::vector<char*> args;
  for (auto& arg : argv)
    args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    // nop: retry after a signal
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's choice for port 0).
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof addr;
  const bool ok = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0;
  if (fd >= 0)
    ::close(fd);
  if (!ok)
    throw std::runtime_error("cannot find a free TCP port");
  return ntohs(addr.sin_port);
}

/// Creates `dir` and, under root, gives it to the postgres user.
void prepare_dir(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  if (::geteuid() != 0)
    return;
  const passwd* user = ::getpwnam("postgres");
  if (user == nullptr || ::chown(dir.c_str(), user->pw_uid, user->pw_gid) != 0)
    throw std::runtime_error("cannot hand " + dir.string() + " to the postgres user");
}

/// The port of a server still running on `dir`/data (left behind when its node was killed with
/// SIGKILL): line 4 of postmaster.pid, once `pg_ctl status` confirms the server is alive.
std::optional<std::uint16_t> running_port(const private_cluster_options& options) {
  const auto data = options.dir / "data";
  if (run({(options.bin_dir / "pg_ctl").string(), "status", "-D", data.string()},
          options.dir / "pg_ctl.log") != 0)
    return std::nullopt;
  std::ifstream pid_file(data / "postmaster.pid");
  std::string line;
  int line_no = 0;
  while (line_no < 4 && std::getline(pid_file, line))
    ++line_no;
  int port = 0;
  const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), port);
  if (ec != std::errc{} || port <= 0 || port > 65'535)
    return std::nullopt;
  return static_cast<std::uint16_t>(port);
}

} // namespace

private_cluster::private_cluster(private_cluster_options options) : options_(std::move(options)) {
  prepare_dir(options_.dir);
  prepare_dir(options_.dir / "run");
  if (!std::filesystem::exists(options_.dir / "data" / "PG_VERSION"))
    initdb();
  if (auto port = running_port(options_)) {
    port_ = *port; // adopt it: everything it committed is durable, and this object stops it at the end
    return;
  }
  for (int attempt = 0; attempt < start_attempts; ++attempt)
    if (start())
      return;
  throw std::runtime_error("PostgreSQL did not start, see " + (options_.dir / "server.log").string());
}

private_cluster::~private_cluster() {
  (void)run({(options_.bin_dir / "pg_ctl").string(), "stop", "-D", (options_.dir / "data").string(), "-m",
             "fast", "-w"},
            options_.dir / "pg_ctl.log");
}

void private_cluster::initdb() const {
  const auto log = options_.dir / "initdb.log";
  const int status = run({(options_.bin_dir / "initdb").string(), "-D", (options_.dir / "data").string(),
                          "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"},
                         log);
  if (status != 0)
    throw std::runtime_error("initdb failed, see " + log.string());
}

bool private_cluster::start() {
  port_ = free_port();
  std::string server_options =
      "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " + (options_.dir / "run").string();
  if (!options_.durable)
    server_options += " -c fsync=off -c full_page_writes=off";
  return run({(options_.bin_dir / "pg_ctl").string(), "start", "-D", (options_.dir / "data").string(), "-l",
              (options_.dir / "server.log").string(), "-o", server_options, "-w", "-t", "60"},
             options_.dir / "pg_ctl.log") == 0;
}

std::string private_cluster::conninfo(std::string_view dbname) const {
  return "host=" + (options_.dir / "run").string() + " port=" + std::to_string(port_) +
         " user=postgres dbname=" + std::string(dbname);
}

std::string private_cluster::url(std::string_view dbname) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + std::string(dbname);
}

} // namespace bourse
