import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create_order_log } from '../../../web/js/lib/order_log.js';

test('fill and closed-order events are kept newest first, stamped and capped', () => {
  const log = create_order_log(2);
  assert.equal(log.apply({ channel: 'orders', type: 'order', data: { order_id: 1, status: 'OPEN' } }, 10), false);
  assert.equal(log.apply({ channel: 'orders', type: 'snapshot', data: [] }, 10), false);
  assert.equal(log.apply({ channel: 'orders', type: 'fill', data: { symbol: 'AAA', side: 'BUY', qty: 3, price: 10003 } }, 20), true);
  assert.equal(log.apply({ channel: 'orders', type: 'order', data: { order_id: 1, status: 'CLOSED', open_quantity: 0 } }, 30), true);
  assert.deepEqual(log.fills, [{ time: 20, symbol: 'AAA', side: 'BUY', qty: 3, price: 10003 }]);
  assert.deepEqual(log.history, [{ time: 30, order_id: 1, status: 'CLOSED', open_quantity: 0 }]);
  log.apply({ type: 'fill', data: { symbol: 'BBB', qty: 1, time: 5 } }, 40);
  log.apply({ type: 'fill', data: { symbol: 'CCC', qty: 2 } }, 50);
  assert.deepEqual(log.fills.map((f) => [f.symbol, f.time]), [['CCC', 50], ['BBB', 5]]);
});
