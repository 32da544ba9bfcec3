import { test } from 'node:test';
import assert from 'node:assert/strict';
import { margin_state, average_price, position_rows, equity_of } from '../../../web/js/lib/portfolio.js';

test('margin level colours', () => {
  assert.equal(margin_state(null), 'none');
  assert.equal(margin_state(20000), 'ok');
  assert.equal(margin_state(5000), 'ok');
  assert.equal(margin_state(4999), 'warning');
  assert.equal(margin_state(3125), 'warning');
  assert.equal(margin_state(3124), 'danger');
  assert.equal(margin_state(9000, 5000), 'warning');
});

test('positions split into spot and margin rows with P&L', () => {
  assert.equal(average_price(100050, 10), 10005);
  assert.equal(average_price(5, 0), null);
  const rows = position_rows({ spot: 8, spot_reserved: 2, spot_cost: 100000, margin: -5, margin_cost: 60000 }, 11000);
  assert.deepEqual(rows, [
    { kind: 'spot', qty: 10, avg: 10000, unrealized: 10000 },
    { kind: 'margin short', qty: -5, avg: 12000, unrealized: 5000 },
  ]);
  const server = position_rows({ margin: 3, margin_avg_price: 100, margin_unrealized_pnl: -7 }, 0);
  assert.deepEqual(server, [{ kind: 'margin long', qty: 3, avg: 100, unrealized: -7 }]);
  assert.deepEqual(position_rows({ spot: 0, margin: 0 }, 5), []);
});

test('positions without a cost have no average or P&L; equity falls back to cash plus marked spot', () => {
  assert.deepEqual(position_rows({ symbol: 'AAA', spot: 1, spot_reserved: 0 }, 2594), [{ kind: 'spot', qty: 1, avg: null, unrealized: null }]);
  const account = { cash: { free: 9997404, reserved: 100 }, positions: [{ symbol: 'AAA', spot: 1, spot_reserved: 2 }, { symbol: 'BBB', spot: 0 }] };
  const marks = { AAA: 2594 };
  assert.equal(equity_of(account, (p) => marks[p.symbol] ?? null), 9997404 + 100 + 3 * 2594);
  assert.equal(equity_of(account, () => null), null);
  assert.equal(equity_of({ ...account, equity: 5 }, () => null), 5);
});
