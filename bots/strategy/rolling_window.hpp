#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "actors/common/types.hpp"

namespace bourse::bots {

/// The last `size` prices (cents) with running sum and sum of squares, O(1) per push.
class rolling_window {
public:
  explicit rolling_window(std::size_t size) : values_(size == 0 ? 1 : size) {}

  void push(cents value) noexcept {
    if (count_ == values_.size()) {
      const cents old = values_[next_];
      sum_ -= old;
      sum_sq_ -= old * old;
    } else {
      ++count_;
    }
    values_[next_] = value;
    next_ = next_ + 1 == values_.size() ? 0 : next_ + 1;
    sum_ += value;
    sum_sq_ += value * value;
  }

  bool full() const noexcept { return count_ == values_.size(); }
  std::size_t size() const noexcept { return values_.size(); }
  /// Sum of the window in cents (exact).
  cents sum() const noexcept { return sum_; }
  double mean() const noexcept {
    return count_ == 0 ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count_);
  }
  /// Population standard deviation in cents.
  double stddev() const noexcept {
    if (count_ == 0)
      return 0.0;
    const double n = static_cast<double>(count_);
    const double var =
        (static_cast<double>(sum_sq_) - static_cast<double>(sum_) * static_cast<double>(sum_) / n) / n;
    return var > 0.0 ? std::sqrt(var) : 0.0;
  }

private:
  std::vector<cents> values_;
  std::size_t next_ = 0;
  std::size_t count_ = 0;
  cents sum_ = 0;
  cents sum_sq_ = 0;
};

} // namespace bourse::bots
