import { test } from 'node:test';
import assert from 'node:assert/strict';
import { server_clock, format_countdown, increment_at, minimum_bid, bid_steps, bidder_label } from '../../../web/js/lib/auction.js';

test('the clock follows the server offset', () => {
  let local = 1000;
  const clock = new server_clock(() => local);
  clock.sample(6000);
  assert.equal(clock.now(), 6000);
  local = 1500;
  assert.equal(clock.now(), 6500);
  clock.sample(Number.NaN);
  assert.equal(clock.offset_ms, 5000);
});

test('countdown text', () => {
  assert.equal(format_countdown(0), '0:00');
  assert.equal(format_countdown(-5000), '0:00');
  assert.equal(format_countdown(1), '0:01');
  assert.equal(format_countdown(299001), '5:00');
  assert.equal(format_countdown(3723000), '1:02:03');
});

test('increments, brackets and the minimum bid', () => {
  const brackets = [{ from: 0, increment: 100 }, { from: 10000, increment: 500 }, { from: 100000, increment: 2500 }];
  assert.equal(increment_at(brackets, 9999), 100);
  assert.equal(increment_at(brackets, 10000), 500);
  assert.equal(increment_at(brackets, 250000), 2500);
  assert.equal(increment_at(250, 1), 250);
  assert.equal(minimum_bid({ start_price: 5000, increment: 250, high_bid: null }), 5000);
  assert.equal(minimum_bid({ start_price: 5000, increment: 250, high_bid: 5000 }), 5250);
  assert.deepEqual(bid_steps({ start_price: 9000, increment: brackets, high_bid: 9900 }), [10000, 10500, 11000]);
});

test('bidder_label names the signed-in bidder and numbers the others', () => {
  const me = { id: 7, username: 'alice' };
  assert.equal(bidder_label(7, me), 'alice (you)');
  assert.equal(bidder_label('7', me), 'alice (you)');
  assert.equal(bidder_label(8, me), 'bidder #8');
  assert.equal(bidder_label(8, null), 'bidder #8');
});
