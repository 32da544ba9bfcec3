#include "actors/market_data/candle_series.hpp"

#include <algorithm>

namespace bourse {

candle_series::candle_series(std::string symbol, std::int64_t interval_s, std::size_t history)
    : symbol_(std::move(symbol)), interval_s_(interval_s), history_(history) {
  // nop
}

std::optional<candle> candle_series::add(timestamp_ns time, cents price, quantity qty) {
  const timestamp_ns width = interval_s_ * 1'000'000'000;
  const timestamp_ns bucket = time - ((time % width) + width) % width;
  if (open_ && open_->open_time == bucket) {
    open_->high = std::max(open_->high, price);
    open_->low = std::min(open_->low, price);
    open_->close = price;
    open_->volume += qty;
    ++open_->trades;
    return std::nullopt;
  }
  std::optional<candle> closed = open_;
  if (closed)
    restore(*closed);
  open_ = candle{symbol_, interval_s_, bucket, price, price, price, price, qty, 1};
  return closed;
}

void candle_series::restore(const candle& closed) {
  closed_.push_back(closed);
  if (closed_.size() > history_)
    closed_.pop_front();
}

std::vector<candle> candle_series::candles() const {
  std::vector<candle> out(closed_.begin(), closed_.end());
  if (open_)
    out.push_back(*open_);
  return out;
}

} // namespace bourse
