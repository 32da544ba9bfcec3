import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate_order, band_low, band_high, required_cash, round_to_tick } from '../../../web/js/lib/order_validation.js';

const inst = {
  symbol: 'ACME', tick_size: 5, lot_size: 10, min_quantity: 10, max_quantity: 10000,
  reference_price: 10000, price_band_bps: 1000, margin_allowed: true,
  initial_margin_bps: 5000, maker_fee_bps: 0, taker_fee_bps: 5,
};
const limit = (over = {}) => ({ side: 'BUY', type: 'LIMIT', price: 10000, quantity: 100, time_in_force: 'GTC', ...over });
const code = (order, opts) => validate_order(order, inst, opts).code;

test('band edges round inward to the tick', () => {
  assert.equal(band_low(inst), 9000);
  assert.equal(band_high(inst), 11000);
  const odd = { ...inst, reference_price: 1003, tick_size: 5 };
  assert.equal(band_low(odd), 905); // 1003 - 100 = 903, up to 905
  assert.equal(band_high(odd), 1100); // 1003 + 100 = 1103, down to 1100
  assert.equal(band_low({ ...inst, reference_price: 1, price_band_bps: 10000 }), 5);
});

test('quantity, price and tick checks in the server order', () => {
  assert.equal(validate_order(limit(), inst, { now_s: 0 }).ok, true);
  assert.equal(code(limit({ quantity: 0 })), 'INVALID_QUANTITY');
  assert.equal(code(limit({ quantity: 15 })), 'OFF_LOT');
  assert.equal(code(limit({ quantity: 20000 })), 'QUANTITY_ABOVE_MAX');
  assert.equal(code(limit({ quantity: 10 })), undefined);
  assert.equal(validate_order(limit({ quantity: 10 }), { ...inst, min_quantity: 20 }).code, 'QUANTITY_BELOW_MIN');
  assert.equal(code(limit({ price: 0 })), 'INVALID_PRICE');
  assert.equal(code(limit({ price: 10002 })), 'OFF_TICK');
  assert.equal(code(limit({ price: 8995 })), 'OUTSIDE_PRICE_BAND');
  assert.equal(code(limit({ price: 11005 })), 'OUTSIDE_PRICE_BAND');
  assert.equal(validate_order(limit({ price: 10002 }), inst).field, 'price');
});

test('order types, time in force, post-only, display and expiry', () => {
  assert.equal(code({ side: 'BUY', type: 'MARKET', quantity: 10, time_in_force: 'GTC' }), 'INVALID_TIME_IN_FORCE');
  assert.equal(code({ side: 'BUY', type: 'MARKET', quantity: 10, time_in_force: 'IOC' }), undefined);
  assert.equal(code({ side: 'BUY', type: 'STOP', quantity: 10, time_in_force: 'IOC', stop_price: 0 }), 'INVALID_STOP_PRICE');
  assert.equal(code({ side: 'BUY', type: 'STOP_LIMIT', price: 10000, quantity: 10, time_in_force: 'GTC', stop_price: 10001 }), 'INVALID_STOP_PRICE');
  assert.equal(code(limit({ type: 'STOP_LIMIT', stop_price: 10100 })), undefined);
  assert.equal(code(limit({ post_only: true, type: 'STOP_LIMIT', stop_price: 10100 })), 'POST_ONLY_NOT_LIMIT');
  assert.equal(code(limit({ post_only: true, time_in_force: 'IOC' })), 'INVALID_TIME_IN_FORCE');
  assert.equal(code(limit({ display_quantity: 200 })), 'INVALID_DISPLAY_QUANTITY');
  assert.equal(code(limit({ display_quantity: 20 })), undefined);
  assert.equal(code(limit({ time_in_force: 'GTD', expire_time_s: 50 }), { now_s: 100 }), 'INVALID_EXPIRE_TIME');
  assert.equal(code(limit({ time_in_force: 'GTD', expire_time_s: 150 }), { now_s: 100 }), undefined);
  assert.equal(validate_order(limit({ margin: true }), { ...inst, margin_allowed: false }).code, 'MARGIN_NOT_ALLOWED');
});

test('required cash follows docs/accounts.md', () => {
  // spot buy 100 @ 100.00: N = 1,000,000; fee = ceil(N * 5 / 10000) = 500; lots = 10
  assert.equal(required_cash(limit(), inst), 1000000n + 500n + 10n);
  // market buy reserves at band high 110.00
  assert.equal(required_cash({ side: 'BUY', type: 'MARKET', quantity: 10 }, inst), 110000n + 55n + 1n);
  assert.equal(required_cash(limit({ side: 'SELL' }), inst), 0n);
  // margin open short: reservation price max(limit, band high) = 11000; im = 50 % of 1,100,000
  assert.equal(required_cash(limit({ side: 'SELL', margin: true }), inst), 550000n + 10n + 550n + 10n);
  // close short pays only the fee
  assert.equal(required_cash(limit({ margin: true }), inst, { margin: -100 }), 510n);
  assert.equal(required_cash(limit(), { ...inst, taker_fee_bps: 0 }), 1000000n);
});

test('buying power, shares and positions', () => {
  const account = { free_cash: 1000509, positions: { ACME: { spot: 50, margin: -20 } } };
  assert.equal(code(limit(), { account }), 'INSUFFICIENT_BUYING_POWER');
  assert.equal(validate_order(limit(), inst, { account: { ...account, free_cash: 1000510 } }).required_cash, 1000510n);
  assert.equal(code(limit({ side: 'SELL' }), { account }), 'INSUFFICIENT_SHARES');
  assert.equal(code(limit({ side: 'SELL', quantity: 50 }), { account }), undefined);
  assert.equal(code(limit({ margin: true, quantity: 30 }), { account }), 'INSUFFICIENT_POSITION');
  assert.equal(code(limit({ side: 'SELL', margin: true }), { account: { free_cash: 10, positions: {} } }), 'INSUFFICIENT_MARGIN');
});

test('round_to_tick', () => {
  assert.equal(round_to_tick(10002, 5), 10000);
  assert.equal(round_to_tick(10003, 5), 10005);
  assert.equal(round_to_tick(10000, 5), 10000);
});
