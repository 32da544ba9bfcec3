#include "persistence/group_committer.hpp"

#include <optional>
#include <random>

#include <spdlog/spdlog.h>

#include "actors/common/utc_clock.hpp"
#include "persistence/batch_writer.hpp"
#include "persistence/journal_rows.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {
namespace {

std::int64_t random_writer_id() {
  std::random_device seed;
  return static_cast<std::int64_t>((std::uint64_t{seed()} << 32 | seed()) >> 1) + 1;
}

} // namespace

struct group_committer::connection_slot {
  std::optional<pg_connection> conn;
  std::optional<batch_writer> writer;
  journal_tables tables;

  bool usable() const { return conn && conn->connected(); }
  void drop() {
    writer.reset();
    conn.reset();
  }
};

group_committer::group_committer(group_commit_config cfg, std::function<void(commit_report)> done,
                                 fault_hook fault)
    : cfg_(std::move(cfg)), done_(std::move(done)), fault_(std::move(fault)),
      conn_(std::make_unique<connection_slot>()), backoff_(cfg_.backoff_min) {
  if (cfg_.writer_id == 0)
    cfg_.writer_id = random_writer_id();
  writer_ = std::thread{[this] { run(); }};
}

group_committer::~group_committer() {
  {
    std::lock_guard lock{mutex_};
    stopping_ = true;
    stop_deadline_ = std::chrono::steady_clock::now() + cfg_.shutdown_grace;
  }
  wake_.notify_all();
  writer_.join();
}

std::uint64_t group_committer::submit(persist_request request) {
  const auto rows = row_count(request);
  if (request.refusable && pending_rows_.load(std::memory_order_relaxed) + rows > cfg_.max_pending_rows) {
    refused_.fetch_add(1, std::memory_order_relaxed);
    return 0;
  }
  pending_rows_.fetch_add(rows, std::memory_order_relaxed);
  bool wake = false;
  std::uint64_t ticket = 0;
  {
    std::lock_guard lock{mutex_};
    ticket = next_ticket_++;
    wake =
        queue_.empty() || (queued_rows_ < cfg_.max_batch_rows && queued_rows_ + rows >= cfg_.max_batch_rows);
    queued_rows_ += rows;
    queue_.push_back(entry{ticket, rows, std::chrono::steady_clock::now(), std::move(request)});
  }
  if (wake)
    wake_.notify_one();
  return ticket;
}

persistence_stats group_committer::stats() const noexcept {
  return persistence_stats{.batches = batches_.load(),
                           .requests = requests_.load(),
                           .rows = rows_.load(),
                           .refused = refused_.load(),
                           .failed = failed_.load(),
                           .reconnects = reconnects_.load(),
                           .connect_failures = connect_failures_.load(),
                           .pending_rows = pending_rows_.load()};
}

void group_committer::run() {
  for (auto batch = next_batch(); !batch.empty(); batch = next_batch()) {
    commit_report report{0, batch.front().ticket, batch.back().ticket, {}};
    commit(batch, 0, batch.size(), report.failed);
    report.batch_no = batch_no_;
    std::size_t rows = 0;
    for (const auto& e : batch)
      rows += e.rows;
    pending_rows_.fetch_sub(rows, std::memory_order_relaxed);
    batches_.fetch_add(1, std::memory_order_relaxed);
    requests_.fetch_add(batch.size() - report.failed.size(), std::memory_order_relaxed);
    failed_.fetch_add(report.failed.size(), std::memory_order_relaxed);
    done_(std::move(report));
  }
}

std::vector<group_committer::entry> group_committer::next_batch() {
  std::unique_lock lock{mutex_};
  wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  if (queue_.empty())
    return {};
  wake_.wait_until(lock, queue_.front().arrived + cfg_.max_delay,
                   [this] { return stopping_ || queued_rows_ >= cfg_.max_batch_rows; });
  std::vector<entry> batch;
  std::size_t rows = 0;
  while (!queue_.empty() && (batch.empty() || rows + queue_.front().rows <= cfg_.max_batch_rows)) {
    rows += queue_.front().rows;
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  queued_rows_ -= rows;
  return batch;
}

void group_committer::commit(const std::vector<entry>& batch, std::size_t first, std::size_t last,
                             std::vector<std::pair<std::uint64_t, reason_code>>& failed) {
  switch (write_until_durable(batch, first, last)) {
  case outcome::written:
    return;
  case outcome::gave_up:
    for (auto i = first; i < last; ++i)
      failed.emplace_back(batch[i].ticket, reason_code::unavailable);
    spdlog::error("persistence: stopped with {} requests unwritten (store unreachable)", last - first);
    return;
  case outcome::rejected:
    if (last - first == 1) {
      failed.emplace_back(batch[first].ticket, reason_code::persistence_failed);
      return;
    }
    for (auto i = first; i < last; ++i)
      commit(batch, i, i + 1, failed);
  }
}

group_committer::outcome group_committer::write_until_durable(const std::vector<entry>& batch,
                                                              std::size_t first, std::size_t last) {
  auto& slot = *conn_;
  ++batch_no_;
  slot.tables.clear();
  for (auto i = first; i < last; ++i)
    slot.tables.append(batch[i].request);
  slot.tables.mark(cfg_.writer_id, static_cast<std::int64_t>(batch_no_), utc_now_ns());
  const auto rows = slot.tables.size();
  for (;;) {
    if (!ensure_connected())
      return outcome::gave_up;
    if (fault_)
      fault_(commit_stage::before_write, batch_no_, *slot.conn);
    auto written = slot.writer->write(slot.tables.tables());
    bool reply_lost = false;
    if (written) {
      reply_lost = fault_ && fault_(commit_stage::after_commit, batch_no_, *slot.conn);
      if (!reply_lost) {
        rows_.fetch_add(rows, std::memory_order_relaxed);
        return outcome::written;
      }
    } else {
      const auto& error = written.error();
      spdlog::warn("persistence: batch {} failed: {} {} {}", batch_no_, to_string(error.code), error.sqlstate,
                   error.message);
      if (error.code == reason_code::persistence_failed && slot.usable())
        return outcome::rejected;
    }
    if (slot.usable() && !reply_lost) {
      back_off(); // contention or a timeout on a live connection: nothing was written, retry
      continue;
    }
    // The connection is gone, perhaps after COMMIT reached the server: ask the store first.
    std::optional<bool> found;
    while (!found) {
      slot.drop();
      if (!ensure_connected())
        return outcome::gave_up;
      found = already_written(batch_no_);
    }
    if (*found) {
      rows_.fetch_add(rows, std::memory_order_relaxed);
      return outcome::written;
    }
  }
}

bool group_committer::ensure_connected() {
  auto& slot = *conn_;
  while (!slot.usable()) {
    slot.drop();
    if (giving_up())
      return false;
    auto opened = pg_connection::open(cfg_.conninfo);
    if (!opened) {
      connect_failures_.fetch_add(1, std::memory_order_relaxed);
      spdlog::warn("persistence: cannot connect: {} {}", to_string(opened.error().code),
                   opened.error().message);
      back_off();
      continue;
    }
    slot.conn.emplace(std::move(*opened));
    slot.writer.emplace(*slot.conn);
    if (connected_once_) {
      reconnects_.fetch_add(1, std::memory_order_relaxed);
      spdlog::info("persistence: reconnected");
    }
    connected_once_ = true;
    backoff_ = cfg_.backoff_min;
  }
  return true;
}

void group_committer::back_off() {
  std::unique_lock lock{mutex_};
  const auto until = std::chrono::steady_clock::now() + backoff_;
  wake_.wait_until(lock, until,
                   [this] { return stopping_ && std::chrono::steady_clock::now() >= stop_deadline_; });
  backoff_ = std::min(backoff_ * 2, cfg_.backoff_max);
}

bool group_committer::giving_up() const {
  std::lock_guard lock{mutex_};
  return stopping_ && std::chrono::steady_clock::now() >= stop_deadline_;
}

std::optional<bool> group_committer::already_written(std::uint64_t batch_no) {
  auto found = conn_->conn->exec("SELECT 1 FROM persist_batches WHERE writer_id = $1 AND batch_no = $2",
                                 cfg_.writer_id, static_cast<std::int64_t>(batch_no));
  if (!found)
    return std::nullopt;
  return found->rows() == 1;
}

} // namespace bourse
