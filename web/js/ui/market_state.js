// Shared market data for all screens: instruments, the live ticker, book feeds and the account.

import { l2_book } from '../lib/book.js';
import { unless_missing } from '../lib/api.js';

/// A list from a response that is either the array itself or an object holding it under `key`.
export function list_of(body, key) {
  if (Array.isArray(body)) return body;
  return Array.isArray(body?.[key]) ? body[key] : [];
}

/// The sequence of a channel message: top level or inside data.
export function seq_of(msg) {
  return msg.seq ?? msg.data?.seq;
}

export class market_state {
  constructor(ctx) {
    this.ctx_ = ctx;
    this.instruments = new Map();
    this.tickers = new Map();
    this.listeners_ = new Set();
    this.ready = null;
  }

  start() {
    this.ready = Promise.all([
      this.ctx_.api.get('/instruments').then((body) => {
        for (const inst of list_of(body, 'instruments')) this.instruments.set(inst.symbol, inst);
      }),
      unless_missing(this.ctx_.api.get('/ticker')).then((body) => {
        for (const t of list_of(body, 'tickers')) this.tickers.set(t.symbol, t);
      }),
    ]).catch((err) => this.ctx_.fail(err)).finally(() => this.notify_());
    this.ctx_.ws.subscribe('ticker', (msg) => {
      const rows = Array.isArray(msg.data) ? msg.data : [msg.data];
      for (const t of rows) if (t?.symbol) this.tickers.set(t.symbol, { ...this.tickers.get(t.symbol), ...t });
      this.notify_();
    });
  }

  /// Calls fn() on every ticker or instrument change; returns the unsubscribe function.
  on_change(fn) {
    this.listeners_.add(fn);
    return () => this.listeners_.delete(fn);
  }

  notify_() {
    for (const fn of this.listeners_) fn();
  }

  /// The first symbol, for screens opened without one.
  default_symbol() {
    return this.instruments.keys().next().value ?? null;
  }

  /// Follows book.<symbol>: a snapshot, then deltas; a seq gap resubscribes for a fresh snapshot.
  /// on_update(book) after every change. Returns the unsubscribe function.
  book_feed(symbol, on_update) {
    const channel = `book.${symbol}`;
    const book = new l2_book(symbol, { on_resync: () => this.ctx_.ws.resync(channel) });
    const off = this.ctx_.ws.subscribe(channel, (msg) => {
      if (msg.type === 'snapshot') book.apply_snapshot({ ...msg.data, seq: seq_of(msg) });
      else if (msg.type === 'delta') book.apply_delta({ ...msg.data, seq: seq_of(msg) });
      else return;
      on_update(book);
    });
    return off;
  }
}

/// Account fields the order ticket needs: {free_cash, positions: {SYM: {spot, margin}}}.
export function risk_view(account) {
  const positions = {};
  for (const p of list_of(account?.positions ?? [], 'positions')) positions[p.symbol] = { spot: p.spot ?? 0, margin: p.margin ?? 0 };
  return { free_cash: account?.cash?.free ?? account?.free_cash ?? account?.buying_power ?? 0, positions };
}
