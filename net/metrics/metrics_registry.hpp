#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

/// A small Prometheus registry (text exposition format 0.0.4): counters, callback gauges and latency
/// histograms. prometheus-cpp is not packaged in Debian 12, and this is all the node needs.
namespace bourse::net::metrics {

/// Label pairs, e.g. {{"method", "GET"}, {"route", "/healthz"}}.
using labels = std::vector<std::pair<std::string, std::string>>;

/// A monotonically increasing count. Thread-safe.
class counter {
public:
  void inc(std::int64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  std::int64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

private:
  std::atomic<std::int64_t> value_{0};
};

/// Durations in cumulative buckets. Observations in ns; exposed in seconds. Thread-safe.
class histogram {
public:
  /// upper_bounds_ns ascending; +Inf is implicit.
  explicit histogram(std::vector<std::int64_t> upper_bounds_ns);

  void observe_ns(std::int64_t value_ns) noexcept;

  const std::vector<std::int64_t>& upper_bounds_ns() const noexcept { return bounds_; }
  /// Observations <= upper_bounds_ns()[i] (cumulative); the last entry is the total count.
  std::vector<std::int64_t> cumulative_counts() const;
  std::int64_t sum_ns() const noexcept { return sum_ns_.load(std::memory_order_relaxed); }

private:
  std::vector<std::int64_t> bounds_;
  std::unique_ptr<std::atomic<std::int64_t>[]> counts_;
  std::atomic<std::int64_t> sum_ns_{0};
};

/// Default latency buckets: 100 us .. 10 s.
std::vector<std::int64_t> default_latency_buckets_ns();

/// Owns every metric of a node and renders them. Metric references stay valid for its lifetime.
class registry {
public:
  /// The counter name{labels}, created on first use. Throws std::invalid_argument if name exists with
  /// another type.
  counter& get_counter(const std::string& name, const std::string& help, const labels& l = {});

  /// The histogram name{labels}, created with default_latency_buckets_ns() on first use.
  histogram& get_histogram(const std::string& name, const std::string& help, const labels& l = {});

  /// A gauge read from read() at each render (queue depths, open sessions).
  void add_gauge(const std::string& name, const std::string& help, std::function<std::int64_t()> read,
                 const labels& l = {});

  /// The text exposition format, families sorted by name.
  std::string render() const;

private:
  enum class kind { counter, gauge, histogram };
  struct family {
    kind type;
    std::string help;
    std::map<std::string, std::unique_ptr<counter>> counters;
    std::map<std::string, std::unique_ptr<histogram>> histograms;
    std::map<std::string, std::function<std::int64_t()>> gauges;
  };

  family& family_of(const std::string& name, const std::string& help, kind type);

  mutable std::mutex mutex_;
  std::map<std::string, family> families_;
  /// name + rendered labels -> labels of each histogram, to add "le" when rendering.
  std::map<std::string, labels> histogram_labels_;
};

} // namespace bourse::net::metrics
