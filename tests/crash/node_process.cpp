#include "tests/crash/node_process.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <stdexcept>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bourse::test {
namespace {

constexpr std::string_view up_marker = "Bourse is up: http://127.0.0.1:";

std::filesystem::path make_temp_dir() {
  auto pattern = (std::filesystem::temp_directory_path() / "bourse-crash-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed");
  // The embedded cluster runs as the postgres user under root: it must reach dir/pg.
  std::filesystem::permissions(pattern,
                               std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                   std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                   std::filesystem::perms::others_exec);
  return pattern;
}

/// posix_spawn of `argv` in `cwd` with stdout on `out_fd` (or /dev/null when -1) and stderr on stdout.
pid_t spawn(std::vector<std::string> argv, const std::filesystem::path& cwd, int out_fd) {
  std::vector<char*> args;
  for (auto& arg : argv)
    args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (out_fd >= 0)
    posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  else
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int failed = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0)
    throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    // nop: retry after a signal
  }
  return status;
}

/// Copies the node's output to `log` until EOF and fulfils `port` from the "Bourse is up" line.
void copy_output(int fd, std::filesystem::path log, std::promise<std::uint16_t> port) {
  std::ofstream out(log, std::ios::app);
  std::string pending;
  bool announced = false;
  char chunk[4096];
  for (;;) {
    const auto n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    out.write(chunk, n);
    pending.append(chunk, static_cast<std::size_t>(n));
    for (auto eol = pending.find('\n'); eol != std::string::npos; eol = pending.find('\n')) {
      const auto line = pending.substr(0, eol);
      pending.erase(0, eol + 1);
      if (!announced && line.starts_with(up_marker)) {
        port.set_value(static_cast<std::uint16_t>(std::stoul(line.substr(up_marker.size()))));
        announced = true;
      }
    }
  }
  out.flush();
  ::close(fd);
  if (!announced)
    port.set_exception(std::make_exception_ptr(std::runtime_error("bourse-node exited before serving")));
}

} // namespace

node_process::node_process(std::filesystem::path binary, std::filesystem::path source_dir)
    : binary_(std::move(binary)), source_dir_(std::move(source_dir)), dir_(make_temp_dir()) {
}

node_process::~node_process() {
  if (pid_ > 0)
    kill_hard();
  stop_cluster();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::uint16_t node_process::start(std::chrono::seconds timeout) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  try {
    pid_ = spawn({binary_.string(), "--node.port", "0", "--node.actor_port", "0", "--node.data_dir",
                  dir_.string(), "--auth.jwt_secret", node_jwt_secret},
                 source_dir_, fds[1]);
  } catch (...) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw;
  }
  ::close(fds[1]);
  std::promise<std::uint16_t> announced;
  auto port = announced.get_future();
  reader_ = std::jthread(copy_output, fds[0], dir_ / "node.log", std::move(announced));
  const auto log = (dir_ / "node.log").string();
  if (port.wait_for(timeout) != std::future_status::ready)
    throw std::runtime_error("bourse-node did not serve in time, see " + log);
  try {
    return port.get();
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) + ", see " + log);
  }
}

void node_process::kill_hard() {
  ::kill(pid_, SIGKILL);
  reap();
  stop_cluster();
}

void node_process::stop_gracefully() {
  ::kill(pid_, SIGTERM);
  reap();
}

void node_process::reap() {
  wait_for(pid_);
  pid_ = -1;
  if (reader_.joinable())
    reader_.join();
}

void node_process::stop_cluster() const {
  if (!std::filesystem::exists(dir_ / "pg" / "data" / "postmaster.pid"))
    return;
  wait_for(
      spawn({(source_dir_ / "scripts" / "pg").string(), "stop", (dir_ / "pg").string()}, source_dir_, -1));
}

} // namespace bourse::test
