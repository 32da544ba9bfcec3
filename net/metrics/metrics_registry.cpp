#include "net/metrics/metrics_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace bourse::net::metrics {

namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"')
      out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

/// Renders {a="x",b="y"} (empty for no labels), with an optional extra pair appended.
std::string label_text(const labels& l, const std::string& extra_key = {}, const std::string& extra = {}) {
  if (l.empty() && extra_key.empty())
    return {};
  std::string out = "{";
  for (const auto& [key, value] : l)
    out += key + "=\"" + escape_label(value) + "\",";
  if (!extra_key.empty())
    out += extra_key + "=\"" + extra + "\",";
  out.back() = '}';
  return out;
}

std::string seconds(std::int64_t ns) {
  return fmt::format("{}", static_cast<double>(ns) / 1e9);
}

labels parse_key(const std::string& key, const std::map<std::string, labels>& keys) {
  auto it = keys.find(key);
  return it == keys.end() ? labels{} : it->second;
}

} // namespace

histogram::histogram(std::vector<std::int64_t> upper_bounds_ns)
    : bounds_(std::move(upper_bounds_ns)), counts_(new std::atomic<std::int64_t>[bounds_.size() + 1]) {
  if (!std::is_sorted(bounds_.begin(), bounds_.end()))
    throw std::invalid_argument("histogram bounds must ascend");
  for (std::size_t i = 0; i <= bounds_.size(); ++i)
    counts_[i].store(0);
}

void histogram::observe_ns(std::int64_t value_ns) noexcept {
  auto bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value_ns) - bounds_.begin();
  counts_[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(value_ns, std::memory_order_relaxed);
}

std::vector<std::int64_t> histogram::cumulative_counts() const {
  std::vector<std::int64_t> result;
  std::int64_t total = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    total += counts_[i].load(std::memory_order_relaxed);
    result.push_back(total);
  }
  return result;
}

std::vector<std::int64_t> default_latency_buckets_ns() {
  return {100'000,     250'000,     500'000,       1'000'000,     2'500'000,
          5'000'000,   10'000'000,  25'000'000,    50'000'000,    100'000'000,
          250'000'000, 500'000'000, 1'000'000'000, 2'500'000'000, 10'000'000'000};
}

registry::family& registry::family_of(const std::string& name, const std::string& help, kind type) {
  auto [it, inserted] = families_.try_emplace(name, family{type, help, {}, {}, {}});
  if (it->second.type != type)
    throw std::invalid_argument("metric " + name + " registered with another type");
  return it->second;
}

counter& registry::get_counter(const std::string& name, const std::string& help, const labels& l) {
  std::lock_guard guard(mutex_);
  auto& slot = family_of(name, help, kind::counter).counters[label_text(l)];
  if (!slot)
    slot = std::make_unique<counter>();
  return *slot;
}

histogram& registry::get_histogram(const std::string& name, const std::string& help, const labels& l) {
  std::lock_guard guard(mutex_);
  auto& family = family_of(name, help, kind::histogram);
  auto key = label_text(l);
  auto& slot = family.histograms[key];
  if (!slot) {
    slot = std::make_unique<histogram>(default_latency_buckets_ns());
    histogram_labels_[name + key] = l;
  }
  return *slot;
}

void registry::add_gauge(const std::string& name, const std::string& help, std::function<std::int64_t()> read,
                         const labels& l) {
  std::lock_guard guard(mutex_);
  family_of(name, help, kind::gauge).gauges[label_text(l)] = std::move(read);
}

std::string registry::render() const {
  std::lock_guard guard(mutex_);
  std::string out;
  for (const auto& [name, f] : families_) {
    static constexpr const char* type_names[] = {"counter", "gauge", "histogram"};
    out += "# HELP " + name + " " + f.help + "\n";
    out += "# TYPE " + name + " " + type_names[static_cast<int>(f.type)] + "\n";
    for (const auto& [key, c] : f.counters)
      out += name + key + " " + std::to_string(c->value()) + "\n";
    for (const auto& [key, read] : f.gauges)
      out += name + key + " " + std::to_string(read()) + "\n";
    for (const auto& [key, h] : f.histograms) {
      auto l = parse_key(name + key, histogram_labels_);
      auto counts = h->cumulative_counts();
      const auto& bounds = h->upper_bounds_ns();
      for (std::size_t i = 0; i < bounds.size(); ++i)
        out += name + "_bucket" + label_text(l, "le", seconds(bounds[i])) + " " + std::to_string(counts[i]) +
               "\n";
      out += name + "_bucket" + label_text(l, "le", "+Inf") + " " + std::to_string(counts.back()) + "\n";
      out += name + "_sum" + key + " " + seconds(h->sum_ns()) + "\n";
      out += name + "_count" + key + " " + std::to_string(counts.back()) + "\n";
    }
  }
  return out;
}

} // namespace bourse::net::metrics
