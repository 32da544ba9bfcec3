// Auction room helpers: the server's clock, the countdown and the next allowed bids. Time is the
// server's (issue 8): every auction message carries server_time_ms, the client keeps the offset.

/// Tracks server time from samples; now() is the local clock shifted by the latest offset.
export class server_clock {
  constructor(local_now = () => Date.now()) {
    this.local_now_ = local_now;
    this.offset_ms = 0;
  }

  /// Records a server timestamp (ms since the epoch) received now.
  sample(server_time_ms) {
    if (Number.isFinite(server_time_ms)) this.offset_ms = server_time_ms - this.local_now_();
  }

  now() {
    return this.local_now_() + this.offset_ms;
  }
}

/// Remaining time as "h:mm:ss" or "m:ss"; "0:00" once ended.
export function format_countdown(remaining_ms) {
  const total = Math.max(0, Math.ceil(remaining_ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/// The increment at a price (cents): a fixed number, or brackets [{from, increment}] sorted by from,
/// where the highest bracket with from <= price applies.
export function increment_at(rule, price) {
  if (typeof rule === 'number') return rule;
  let step = rule[0]?.increment ?? 1;
  for (const bracket of rule) if (price >= bracket.from) step = bracket.increment;
  return step;
}

/// The lowest valid bid: the start price for the first bid, else high bid + increment.
export function minimum_bid(lot) {
  if (lot.high_bid == null) return lot.start_price;
  return lot.high_bid + increment_at(lot.increment, lot.high_bid);
}

/// Quick-bid amounts: the minimum and `count - 1` more, each one increment above the previous.
export function bid_steps(lot, count = 3) {
  const steps = [minimum_bid(lot)];
  while (steps.length < count) {
    const last = steps.at(-1);
    steps.push(last + increment_at(lot.increment, last));
  }
  return steps;
}

/// How a bidder is shown: the server names bidders by account id; the signed-in user's own id (or
/// username) reads as "<username> (you)", anyone else as "bidder #<id>".
export function bidder_label(bidder, user) {
  const mine = user != null && (String(bidder) === String(user.id) || bidder === user.username);
  return mine ? `${user.username} (you)` : `bidder #${bidder}`;
}
