import { test } from 'node:test';
import assert from 'node:assert/strict';
import { l2_book, cumulative, ladder_rows, normalize_level } from '../../../web/js/lib/book.js';

const snapshot = {
  seq: 10,
  bids: [{ price: 9900, qty: 100, orders: 2 }, { price: 10000, qty: 50, orders: 1 }],
  asks: [[10100, 70, 1], [10200, 30, 3]],
};

test('snapshot sorts both sides best first and gives the spread', () => {
  const book = new l2_book('ACME');
  book.apply_snapshot(snapshot);
  assert.deepEqual(book.bids().map((l) => l.price), [10000, 9900]);
  assert.deepEqual(book.asks().map((l) => l.price), [10100, 10200]);
  assert.equal(book.spread(), 100);
  assert.equal(book.seq, 10);
  assert.deepEqual(book.asks(1), [{ price: 10100, qty: 70, orders: 1 }]);
});

test('deltas change, add and remove levels in sequence', () => {
  const book = new l2_book('ACME');
  book.apply_snapshot(snapshot);
  assert.equal(book.apply_delta({ seq: 11, changes: [{ side: 'BUY', price: 10000, qty: 0 }] }), 'applied');
  assert.equal(book.apply_delta({ seq: 12, changes: [{ side: 'SELL', price: 10050, qty: 5, orders: 1 },
    { side: 'BUY', price: 9900, qty: 120, orders: 3 }] }), 'applied');
  assert.deepEqual(book.bids(), [{ price: 9900, qty: 120, orders: 3 }]);
  assert.equal(book.best_ask().price, 10050);
  assert.equal(book.spread(), 150);
  assert.equal(book.apply_delta({ seq: 12, changes: [{ side: 'BUY', price: 1, qty: 1 }] }), 'stale');
  assert.equal(book.bids().length, 1);
});

test('a seq gap requests one resync and holds deltas until the next snapshot', () => {
  const requests = [];
  const book = new l2_book('ACME', { on_resync: (r) => requests.push(r) });
  book.apply_snapshot(snapshot);
  assert.equal(book.apply_delta({ seq: 13, changes: [{ side: 'SELL', price: 10100, qty: 0 }] }), 'gap');
  assert.deepEqual(requests, [{ symbol: 'ACME', expected: 11, received: 13 }]);
  assert.equal(book.synced, false);
  assert.equal(book.apply_delta({ seq: 14, changes: [{ side: 'SELL', price: 10200, qty: 0 }] }), 'buffered');
  assert.equal(requests.length, 1);
  // Fresh snapshot at 13 (includes the 13 change): 14 replays on top, 13 is dropped as already seen.
  book.apply_snapshot({ seq: 13, bids: [[10000, 50, 1]], asks: [[10200, 30, 3], [10300, 1, 1]] });
  assert.equal(book.synced, true);
  assert.equal(book.seq, 14);
  assert.deepEqual(book.asks().map((l) => l.price), [10300]);
  assert.equal(book.gaps, 1);
});

test('deltas before the first snapshot are buffered then replayed', () => {
  const book = new l2_book('ACME');
  assert.equal(book.apply_delta({ seq: 11, changes: [{ side: 'BUY', price: 9800, qty: 10 }] }), 'buffered');
  assert.equal(book.apply_delta({ seq: 9, changes: [{ side: 'BUY', price: 9700, qty: 10 }] }), 'buffered');
  book.apply_snapshot(snapshot);
  assert.deepEqual(book.bids().map((l) => l.price), [10000, 9900, 9800]);
  assert.equal(book.seq, 11);
});

test('a gap inside the replayed buffer triggers a resync', () => {
  const requests = [];
  const book = new l2_book('ACME', { on_resync: (r) => requests.push(r) });
  book.apply_delta({ seq: 12, changes: [] });
  book.apply_snapshot(snapshot);
  assert.equal(book.synced, false);
  assert.deepEqual(requests, [{ symbol: 'ACME', expected: 11, received: 12 }]);
});

test('cumulative totals and depth bars share one scale', () => {
  assert.deepEqual(cumulative([{ price: 5, qty: 2 }, { price: 4, qty: 3 }]).map((r) => r.total), [2, 5]);
  const rows = ladder_rows([{ price: 5, qty: 2 }, { price: 4, qty: 2 }], [{ price: 6, qty: 1 }]);
  assert.deepEqual(rows.bids.map((r) => r.bar), [500, 1000]);
  assert.deepEqual(rows.asks.map((r) => r.bar), [250]);
  assert.deepEqual(ladder_rows([], []), { bids: [], asks: [] });
  assert.deepEqual(normalize_level({ price: 1, quantity: 2 }), { price: 1, qty: 2, orders: 0 });
});
