import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  margin_state, average_price, position_rows, equity_of, pnl_view, delivery_of, total_pnl, account_totals,
} from '../../../web/js/lib/portfolio.js';

test('margin level colours: warning below 1.5x maintenance, danger below 1.25x', () => {
  assert.equal(margin_state(null), 'none');
  assert.equal(margin_state(undefined, 3000), 'none');
  assert.equal(margin_state(20000), 'ok');
  assert.equal(margin_state(3750), 'ok');
  assert.equal(margin_state(3749), 'warning');
  assert.equal(margin_state(3125), 'warning');
  assert.equal(margin_state(3124), 'danger');
  assert.equal(margin_state(7400, 5000), 'warning');
  assert.equal(margin_state(6000, null), 'ok', 'null maintenance uses the default');
});

test('P&L text is signed with a tone; unknown is a dash', () => {
  assert.deepEqual(pnl_view(12345), { text: '+123.45', tone: 'up' });
  assert.deepEqual(pnl_view(-5), { text: '-0.05', tone: 'down' });
  assert.deepEqual(pnl_view(0), { text: '0.00', tone: 'flat' });
  assert.deepEqual(pnl_view(null), { text: '—', tone: 'none' });
  assert.deepEqual(pnl_view(undefined), { text: '—', tone: 'none' });
});

test('positions split into spot and margin rows with P&L per line', () => {
  assert.equal(average_price(100050, 10), 10005);
  assert.equal(average_price(5, 0), null);
  const rows = position_rows({ spot: 8, spot_reserved: 2, spot_cost: 100000, margin: -5, margin_cost: 60000 }, 11000);
  assert.deepEqual(rows, [
    { kind: 'spot', qty: 10, avg: 10000, unrealized: 10000 },
    { kind: 'margin short', qty: -5, avg: 12000, unrealized: 5000 },
  ]);
  assert.deepEqual(position_rows({ spot: 0, margin: 0 }, 5), []);
});

test('contract positions: server averages, and the server P&L for a single-line position', () => {
  const long = { symbol: 'SPX', mark_price: 10500, spot: 0, spot_reserved: 0, spot_avg_price: 0, margin: 3, margin_avg_price: 10000,
    unrealized_pnl: 1490, realized_pnl: -20 };
  assert.deepEqual(position_rows(long, 10500), [{ kind: 'margin long', qty: 3, avg: 10000, unrealized: 1490 }]);
  const both = { spot: 4, spot_avg_price: 9000, margin: -2, margin_avg_price: 11000, unrealized_pnl: 999 };
  assert.deepEqual(position_rows(both, 10000), [
    { kind: 'spot', qty: 4, avg: 9000, unrealized: 4000 },
    { kind: 'margin short', qty: -2, avg: 11000, unrealized: 2000 },
  ]);
  assert.deepEqual(position_rows({ symbol: 'AAA', spot: 1, spot_reserved: 0 }, 2594), [{ kind: 'spot', qty: 1, avg: null, unrealized: null }]);
  assert.deepEqual(position_rows({ spot: 1, spot_avg_price: 100 }, null), [{ kind: 'spot', qty: 1, avg: 100, unrealized: null }], 'no mark');
});

test('delivery: TAKE a long margin position, DELIVER free spot shares against a short one', () => {
  assert.deepEqual(delivery_of({ margin: 30, spot: 0 }), { action: 'TAKE', max: 30 });
  assert.deepEqual(delivery_of({ margin: -30, spot: 10 }), { action: 'DELIVER', max: 10 });
  assert.deepEqual(delivery_of({ margin: -5, spot: 10 }), { action: 'DELIVER', max: 5 });
  assert.equal(delivery_of({ margin: -5, spot: 0, spot_reserved: 10 }), null, 'reserved shares cannot be delivered');
  assert.equal(delivery_of({ margin: 0, spot: 10 }), null);
  assert.equal(delivery_of({}), null);
});

test('equity is the server figure, else cash plus marked spot', () => {
  const account = { cash: { free: 9997404, reserved: 100 }, positions: [{ symbol: 'AAA', spot: 1, spot_reserved: 2 }, { symbol: 'BBB', spot: 0 }] };
  const marks = { AAA: 2594 };
  assert.equal(equity_of(account, (p) => marks[p.symbol] ?? null), 9997404 + 100 + 3 * 2594);
  assert.equal(equity_of(account, () => null), null);
  assert.equal(equity_of({ ...account, equity: 5 }, () => null), 5);
});

test('account totals from the contract fields, with fallbacks for an older node', () => {
  const account = { cash: { free: 1000, reserved: 200 }, equity: 5000, buying_power: 900, margin_level_bps: 3600, maintenance_bps: 2500,
    unrealized_pnl: -300, realized_pnl: 40, positions: [{ unrealized_pnl: 1, realized_pnl: 2 }] };
  assert.deepEqual(account_totals(account), { cash: 1200, buying_power: 900, level: 3600, maintenance: 2500, state: 'warning',
    unrealized: -300, realized: 40 });
  const old = { cash: { free: 700, reserved: 0 }, positions: [{ symbol: 'AAA', spot: 1 }] };
  assert.deepEqual(account_totals(old), { cash: 700, buying_power: 700, level: null, maintenance: 2500, state: 'none',
    unrealized: null, realized: null });
  assert.equal(account_totals({ ...old, maintenance_margin_bps: 3000 }).maintenance, 3000);
  assert.equal(total_pnl({ positions: [{ realized_pnl: 5 }, { realized_pnl: -7 }] }, 'realized_pnl'), -2);
  assert.equal(total_pnl({ positions: [{ realized_pnl: 5 }, {}] }, 'realized_pnl'), null);
  assert.equal(total_pnl({ positions: [] }, 'realized_pnl'), null);
});
