import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  format_cents, parse_cents, format_shares, parse_shares, format_bps, price_change, format_change,
} from '../../../web/js/lib/money.js';

test('format_cents: sign, padding and thousands', () => {
  assert.equal(format_cents(0), '0.00');
  assert.equal(format_cents(5), '0.05');
  assert.equal(format_cents(-5), '-0.05');
  assert.equal(format_cents(1234), '12.34');
  assert.equal(format_cents(123456789), '1,234,567.89');
  assert.equal(format_cents(-100000), '-1,000.00');
  assert.equal(format_cents(250, { sign: true }), '+2.50');
  assert.equal(format_cents(0, { sign: true }), '0.00');
  assert.equal(format_cents(1.5), '—');
});

test('parse_cents: exact string maths', () => {
  assert.equal(parse_cents('12.34'), 1234);
  assert.equal(parse_cents('0.29'), 29); // 0.29 * 100 is 28.999999999999996 in floating point
  assert.equal(parse_cents('1.005'), null);
  assert.equal(parse_cents('1,234.5'), 123450);
  assert.equal(parse_cents(' 7 '), 700);
  assert.equal(parse_cents('.25'), 25);
  assert.equal(parse_cents('3.'), 300);
  assert.equal(parse_cents('-0.05'), -5);
  assert.equal(parse_cents('+1'), 100);
  assert.equal(parse_cents('-0'), 0);
  assert.equal(parse_cents('00012.30'), 1230);
  for (const bad of ['', '.', 'abc', '1e3', '12,34', '1.2.3', '--1', '99999999999999999', null])
    assert.equal(parse_cents(bad), null, String(bad));
});

test('parse_cents round-trips every formatted value', () => {
  for (const value of [0, 1, 9, 10, 99, 100, 101, 123456, -987654321, 90071992547409])
    assert.equal(parse_cents(format_cents(value)), value);
});

test('shares formatting and parsing', () => {
  assert.equal(format_shares(1234567), '1,234,567');
  assert.equal(format_shares(-50), '-50');
  assert.equal(parse_shares('1,000'), 1000);
  assert.equal(parse_shares('250'), 250);
  for (const bad of ['1.5', '-3', '', '1,00', 'x']) assert.equal(parse_shares(bad), null, bad);
});

test('basis points and price change', () => {
  assert.equal(format_bps(15000), '150.00%');
  assert.deepEqual(price_change(10150, 10000), { cents: 150, bps: 150, direction: 'up' });
  assert.deepEqual(price_change(9999, 10000), { cents: -1, bps: -1, direction: 'down' });
  assert.equal(price_change(100, 0).direction, 'flat');
  assert.equal(format_change(price_change(10150, 10000)), '+1.50 (+1.50%)');
  assert.equal(format_change(price_change(9900, 10000)), '-1.00 (-1.00%)');
});
