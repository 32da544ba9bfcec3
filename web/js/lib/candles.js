// OHLCV candles for the chart: history from REST, then updated from live trades or candle messages.
// Buckets start at multiples of the interval since the Unix epoch, UTC, like the server's
// candle_series (actors/market_data/candle_series.hpp). Times on the chart are UTC seconds.

/// The intervals the server keeps, in seconds.
export const intervals = Object.freeze({ '1s': 1, '1m': 60, '5m': 300, '15m': 900, '1h': 3600, '1d': 86400 });

/// Nanoseconds since the epoch (number, or decimal string for full precision) to whole seconds.
export function ns_to_seconds(ns) {
  if (typeof ns === 'string') return Number(BigInt(ns) / 1000000000n);
  return Math.floor(ns / 1e9);
}

/// The bucket start (seconds) that contains time_s.
export function bucket_start(time_s, interval_s) {
  return Math.floor(time_s / interval_s) * interval_s;
}

/// A wire candle {open_time (ns), open, high, low, close, volume} to chart form {time (s), ...}.
export function from_wire(candle) {
  const time = candle.time ?? ns_to_seconds(candle.open_time);
  return { time, open: candle.open, high: candle.high, low: candle.low, close: candle.close, volume: candle.volume };
}

export class candle_series {
  constructor(interval_s) {
    this.interval_s = interval_s;
    this.candles_ = [];
  }

  /// Replaces the history (any order; duplicates keep the last).
  load(candles) {
    const by_time = new Map();
    for (const c of candles) by_time.set(c.time, { ...c });
    this.candles_ = [...by_time.values()].sort((a, b) => a.time - b.time);
  }

  /// Folds one trade {time_s, price (cents), qty (shares)} into its bucket; returns the updated candle,
  /// or null for a trade older than the last candle (the chart cannot rewrite history).
  add_trade({ time_s, price, qty }) {
    const time = bucket_start(time_s, this.interval_s);
    const last = this.candles_.at(-1);
    if (last && time < last.time) return null;
    if (last && time === last.time) {
      last.high = Math.max(last.high, price);
      last.low = Math.min(last.low, price);
      last.close = price;
      last.volume += qty;
      return { ...last };
    }
    const fresh = { time, open: price, high: price, low: price, close: price, volume: qty };
    this.candles_.push(fresh);
    return { ...fresh };
  }

  /// Puts a server candle in place (the server's candle is authoritative for its bucket).
  upsert(candle) {
    const last = this.candles_.at(-1);
    if (last && candle.time < last.time) return null;
    if (last && candle.time === last.time) this.candles_[this.candles_.length - 1] = { ...candle };
    else this.candles_.push({ ...candle });
    return { ...candle };
  }

  candles() {
    return this.candles_.map((c) => ({ ...c }));
  }
}
