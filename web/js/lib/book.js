// L2 order book kept from a snapshot plus sequenced deltas (DESIGN.md §6). A snapshot carries `seq`,
// the sequence the next delta continues from; each delta must carry exactly seq + 1. A jump is a gap:
// the book marks itself out of sync and asks for a fresh snapshot through `on_resync`.

/// A level from the wire: {price, qty, orders} or [price, qty, orders].
export function normalize_level(level) {
  if (Array.isArray(level)) return { price: level[0], qty: level[1], orders: level[2] ?? 0 };
  return { price: level.price, qty: level.qty ?? level.quantity, orders: level.orders ?? 0 };
}

function is_bid(side) {
  return side === 'BUY' || side === 'buy' || side === 'bid' || side === 'BID';
}

export class l2_book {
  /// on_resync(reason) is called once per detected gap; pass the snapshot to apply_snapshot later.
  constructor(symbol, { on_resync = () => {}, max_buffered = 1000 } = {}) {
    this.symbol = symbol;
    this.on_resync_ = on_resync;
    this.max_buffered_ = max_buffered;
    this.bids_ = new Map();
    this.asks_ = new Map();
    this.seq = null;
    this.synced = false;
    this.buffer_ = [];
    this.gaps = 0;
  }

  /// Replaces the book, then replays buffered deltas newer than the snapshot.
  apply_snapshot(snapshot) {
    this.bids_.clear();
    this.asks_.clear();
    for (const raw of snapshot.bids ?? []) this.set_level_(this.bids_, normalize_level(raw));
    for (const raw of snapshot.asks ?? []) this.set_level_(this.asks_, normalize_level(raw));
    this.seq = snapshot.seq;
    this.synced = true;
    const pending = this.buffer_.filter((d) => d.seq > this.seq).sort((a, b) => a.seq - b.seq);
    this.buffer_ = [];
    for (const delta of pending) if (this.apply_delta(delta) !== 'applied') break;
  }

  /// Applies one delta {seq, changes:[{side, price, qty, orders}]}: 'applied', 'stale' (already seen),
  /// 'buffered' (waiting for a snapshot) or 'gap' (resync requested, book out of sync).
  apply_delta(delta) {
    if (!this.synced) {
      if (this.buffer_.length >= this.max_buffered_) this.buffer_.shift();
      this.buffer_.push(delta);
      return 'buffered';
    }
    if (delta.seq <= this.seq) return 'stale';
    if (delta.seq !== this.seq + 1) {
      this.synced = false;
      this.gaps += 1;
      this.buffer_ = [delta];
      this.on_resync_({ symbol: this.symbol, expected: this.seq + 1, received: delta.seq });
      return 'gap';
    }
    for (const change of delta.changes ?? []) {
      const level = normalize_level(change);
      this.set_level_(is_bid(change.side) ? this.bids_ : this.asks_, level);
    }
    this.seq = delta.seq;
    return 'applied';
  }

  set_level_(levels, level) {
    if (level.qty > 0) levels.set(level.price, level);
    else levels.delete(level.price);
  }

  /// Bid levels best (highest) first, at most `depth`.
  bids(depth = Infinity) {
    return [...this.bids_.values()].sort((a, b) => b.price - a.price).slice(0, depth);
  }

  /// Ask levels best (lowest) first, at most `depth`.
  asks(depth = Infinity) {
    return [...this.asks_.values()].sort((a, b) => a.price - b.price).slice(0, depth);
  }

  best_bid() {
    return this.bids(1)[0] ?? null;
  }

  best_ask() {
    return this.asks(1)[0] ?? null;
  }

  /// Ask minus bid in cents; null unless both sides have a level.
  spread() {
    const bid = this.best_bid();
    const ask = this.best_ask();
    return bid && ask ? ask.price - bid.price : null;
  }
}

/// Levels with running totals, best first: [{price, qty, orders, total}] (shares).
export function cumulative(levels) {
  let total = 0;
  return levels.map((level) => {
    total += level.qty;
    return { ...level, total };
  });
}

/// Ladder rows for one side with depth bars: bar is the level's share of the deepest cumulative total
/// across both sides, in per-mille (0..1000), so both sides use the same scale.
export function ladder_rows(bids, asks) {
  const bid_rows = cumulative(bids);
  const ask_rows = cumulative(asks);
  const deepest = Math.max(bid_rows.at(-1)?.total ?? 0, ask_rows.at(-1)?.total ?? 0, 1);
  const with_bar = (row) => ({ ...row, bar: Math.round((row.total * 1000) / deepest) });
  return { bids: bid_rows.map(with_bar), asks: ask_rows.map(with_bar) };
}
