import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candle_series, bucket_start, ns_to_seconds, from_wire, intervals } from '../../../web/js/lib/candles.js';

test('bucket starts and time conversion', () => {
  assert.equal(bucket_start(125, 60), 120);
  assert.equal(bucket_start(120, 60), 120);
  assert.equal(bucket_start(86399, intervals['1d']), 0);
  assert.equal(ns_to_seconds('1700000000999999999'), 1700000000);
  assert.equal(ns_to_seconds(1_700_000_001_500_000_000), 1700000001);
  assert.deepEqual(from_wire({ open_time: '60000000000', open: 1, high: 3, low: 1, close: 2, volume: 9 }),
    { time: 60, open: 1, high: 3, low: 1, close: 2, volume: 9 });
});

test('trades fold into OHLCV per bucket', () => {
  const series = new candle_series(60);
  series.add_trade({ time_s: 61, price: 100, qty: 5 });
  series.add_trade({ time_s: 70, price: 105, qty: 1 });
  series.add_trade({ time_s: 119, price: 98, qty: 2 });
  const updated = series.add_trade({ time_s: 119, price: 101, qty: 3 });
  assert.deepEqual(updated, { time: 60, open: 100, high: 105, low: 98, close: 101, volume: 11 });
  const next = series.add_trade({ time_s: 185, price: 99, qty: 4 });
  assert.deepEqual(next, { time: 180, open: 99, high: 99, low: 99, close: 99, volume: 4 });
  assert.equal(series.candles().length, 2);
});

test('history then live: late trades are refused, server candles replace their bucket', () => {
  const series = new candle_series(60);
  series.load([{ time: 120, open: 5, high: 6, low: 4, close: 5, volume: 1 },
    { time: 60, open: 1, high: 2, low: 1, close: 2, volume: 3 }]);
  assert.deepEqual(series.candles().map((c) => c.time), [60, 120]);
  assert.equal(series.add_trade({ time_s: 90, price: 9, qty: 1 }), null);
  assert.equal(series.add_trade({ time_s: 150, price: 7, qty: 2 }).high, 7);
  series.upsert({ time: 120, open: 5, high: 8, low: 4, close: 8, volume: 10 });
  assert.equal(series.candles().at(-1).volume, 10);
  assert.equal(series.upsert({ time: 60, open: 0, high: 0, low: 0, close: 0, volume: 0 }), null);
});
