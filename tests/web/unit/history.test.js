import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  time_of, newest_first, normalize_fill, fill_key, merge_fills, merge_orders, status_label,
} from '../../../web/js/lib/history.js';

test('times come from time_ns, updated_time or time (numbers or decimal strings); newest first is stable', () => {
  assert.equal(time_of({ time_ns: '1700000000000000000' }), 1.7e18);
  assert.equal(time_of({ updated_time: 5, time: 9 }), 5);
  assert.equal(time_of({ time: 9 }), 9);
  assert.equal(time_of({}), 0);
  const list = [{ id: 'a', time_ns: 1 }, { id: 'b', time_ns: 3 }, { id: 'c', time_ns: 1 }, { id: 'd' }];
  assert.deepEqual(newest_first(list).map((e) => e.id), ['b', 'a', 'c', 'd']);
  assert.deepEqual(list.map((e) => e.id), ['a', 'b', 'c', 'd'], 'input untouched');
});

test('older channel fills are normalised to the contract shape', () => {
  assert.deepEqual(normalize_fill({ symbol: 'AAA', side: 'BUY', qty: 3, time: 7 }), { symbol: 'AAA', side: 'BUY', quantity: 3, time_ns: 7 });
  assert.deepEqual(normalize_fill({ symbol: 'AAA', quantity: 2, time_ns: 8, qty: 99, time: 1 }), { symbol: 'AAA', quantity: 2, time_ns: 8 });
  assert.equal(fill_key({ symbol: 'AAA', quantity: 2, time_ns: 8 }), null, 'no order id');
  assert.equal(fill_key({ symbol: 'AAA', order_id: 4, price: 100, quantity: 2, time_ns: '8' }),
    fill_key({ symbol: 'AAA', order_id: 4, price: 100, quantity: 2, time_ns: 8 }), 'string and number times match');
});

const exec = (order_id, time_ns, extra = {}) => ({ symbol: 'AAA', order_id, side: 'BUY', price: 10000, quantity: 1, fee: 2,
  liquidity: 'TAKER', time_ns, ...extra });

test('without served executions the channel fills are the list, newest first and capped', () => {
  const live = [{ symbol: 'AAA', qty: 1, time: 5 }, { symbol: 'BBB', qty: 2, time: 9 }, { symbol: 'CCC', qty: 3, time: 7 }];
  assert.deepEqual(merge_fills(null, live, 2).map((f) => [f.symbol, f.quantity]), [['BBB', 2], ['CCC', 3]]);
});

test('served executions win; channel fills the server has not listed yet are added once', () => {
  const served = [exec(1, 300, { seq: 12 }), exec(1, 200, { seq: 11 })];
  const live = [
    exec(1, 300), // already served (the channel event carries no seq)
    exec(2, 400), // newer than the server's list
    exec(2, 400), // the same event seen twice
    { symbol: 'AAA', qty: 5, time: 999 }, // older channel shape: covered by the server list
  ];
  const merged = merge_fills(served, live);
  assert.deepEqual(merged.map((f) => [f.order_id, f.time_ns, f.seq ?? null]), [[2, 400, null], [1, 300, 12], [1, 200, 11]]);
  assert.deepEqual(merge_fills([], []), []);
  assert.equal(merge_fills(served, live, 1).length, 1);
});

test('order history: a final state wins over an open one, whichever source is newer', () => {
  const served = [
    { order_id: 1, symbol: 'AAA', status: 'OPEN', quantity: 5, time_ns: 100 },
    { order_id: 2, symbol: 'AAA', status: 'FILLED', quantity: 5, filled_quantity: 5, time_ns: 200 },
    { order_id: 3, symbol: 'AAA', status: 'CANCELED', time_ns: 50 },
  ];
  const live = [
    { order_id: 1, status: 'CLOSED', open_quantity: 0, filled_quantity: 2, time: 900 },
    { order_id: 2, status: 'CLOSED', time: 950 },
    { order_id: 4, symbol: 'BBB', status: 'CLOSED', time: 990 },
  ];
  const merged = merge_orders(served, live);
  assert.deepEqual(merged.map((o) => [o.order_id, o.status]), [[4, 'CLOSED'], [2, 'FILLED'], [1, 'CLOSED'], [3, 'CANCELED']]);
  const first = merged.find((o) => o.order_id === 1);
  assert.equal(first.symbol, 'AAA', 'server fields kept');
  assert.equal(first.filled_quantity, 2, 'channel fields laid over');
  assert.equal(first.time_ns, 100, 'placed time kept');
  assert.deepEqual(merge_orders(null, live, 1).map((o) => o.order_id), [4]);
  assert.deepEqual(merge_orders(null, []), []);
});

test('status labels name partial fills and carry the reason code', () => {
  assert.deepEqual(status_label({ status: 'FILLED', filled_quantity: 5 }), { text: 'Filled', tone: 'success', reason: null });
  assert.equal(status_label({ status: 'CANCELED', filled_quantity: 2 }).text, 'Partly filled, cancelled');
  assert.equal(status_label({ status: 'CANCELED', filled_quantity: 0 }).text, 'Cancelled');
  assert.equal(status_label({ status: 'OPEN', filled_quantity: 1 }).text, 'Partly filled');
  assert.equal(status_label({ status: 'EXPIRED', filled_quantity: '3' }).text, 'Partly filled, expired');
  assert.deepEqual(status_label({ status: 'REJECTED', reason: 'OFF_TICK' }), { text: 'Rejected', tone: 'danger', reason: 'OFF_TICK' });
  assert.equal(status_label({ status: 'CANCELED', reason: 'NONE' }).reason, null);
  assert.equal(status_label({ status: 'CANCELED', reason: 'CANCELLED_BY_USER' }).reason, null);
  assert.equal(status_label({ status: 'CANCELED', reason: 'LIQUIDATION' }).reason, 'LIQUIDATION');
  assert.deepEqual(status_label({ status: 'MYSTERY' }), { text: 'MYSTERY', tone: 'secondary', reason: null });
  assert.equal(status_label({}).text, 'Open');
});
