// Portfolio figures from GET /account (docs/api_contract: equity, buying_power, margin_level_bps,
// maintenance_bps, unrealized_pnl, realized_pnl, positions with avg prices, mark and P&L). Cents, shares,
// basis points. Every field may be absent on an older node: the figure is then computed or null.

import { format_cents } from './money.js';

/// 'ok', 'warning' (below 1.5 times the maintenance level) or 'danger' (below 1.25 times it, liquidation
/// is near); 'none' without margin exposure (level null).
export function margin_state(level_bps, maintenance_bps = 2500) {
  if (level_bps === null || level_bps === undefined) return 'none';
  const maintenance = maintenance_bps ?? 2500;
  if (level_bps * 4 < maintenance * 5) return 'danger';
  if (level_bps * 2 < maintenance * 3) return 'warning';
  return 'ok';
}

/// Average price in cents (truncated) of cost over quantity; null for no quantity.
export function average_price(cost, qty) {
  return qty ? Math.trunc(cost / Math.abs(qty)) : null;
}

/// A signed P&L for display: {text ("+1.23", "-0.50", "0.00" or "—" when unknown), tone: up|down|flat|none}.
export function pnl_view(cents) {
  if (!Number.isSafeInteger(cents)) return { text: '—', tone: 'none' };
  return { text: format_cents(cents, { sign: true }), tone: cents > 0 ? 'up' : cents < 0 ? 'down' : 'flat' };
}

const line_pnl = (mark, avg, qty) => (mark && avg !== null ? (mark - avg) * qty : null);

/// Rows for the positions table from a wire position at `mark` (cents or null): spot (free + reserved
/// shares) and margin (signed: long > 0, short < 0), each {kind, qty, avg, unrealized}. Averages come from
/// spot_avg_price / margin_avg_price (else spot_cost / margin_cost over the quantity); unrealized is
/// (mark - avg) * qty per line, or the position's unrealized_pnl when it has a single line.
export function position_rows(p, mark) {
  const spot_qty = (p.spot ?? 0) + (p.spot_reserved ?? 0);
  const margin_qty = p.margin ?? 0;
  const spot_avg = p.spot_avg_price ?? (p.spot_cost === undefined ? null : average_price(p.spot_cost, spot_qty));
  const margin_avg = p.margin_avg_price ?? (p.margin_cost === undefined ? null : average_price(p.margin_cost, margin_qty));
  const single = !spot_qty !== !margin_qty;
  const rows = [];
  if (spot_qty) {
    rows.push({ kind: 'spot', qty: spot_qty, avg: spot_avg,
      unrealized: (single ? p.unrealized_pnl : undefined) ?? line_pnl(mark, spot_avg, spot_qty) });
  }
  if (margin_qty) {
    rows.push({ kind: margin_qty > 0 ? 'margin long' : 'margin short', qty: margin_qty, avg: margin_avg,
      unrealized: (single ? p.unrealized_pnl : undefined) ?? line_pnl(mark, margin_avg, margin_qty) });
  }
  return rows;
}

/// The delivery a position allows: {action: 'TAKE', max} for a long margin position (pay the loan, the
/// shares become spot), {action: 'DELIVER', max} for a short margin position when free spot shares can
/// close it (max = the smaller of both), else null.
export function delivery_of(p) {
  const margin = p.margin ?? 0;
  if (margin > 0) return { action: 'TAKE', max: margin };
  const spot = p.spot ?? 0;
  if (margin < 0 && spot > 0) return { action: 'DELIVER', max: Math.min(-margin, spot) };
  return null;
}

/// The account's equity in cents: the server's `equity` when present, else free + reserved cash plus
/// every spot position (free + reserved shares) at mark_of(position) (cents, or null when unknown);
/// null when a held symbol has no mark yet.
export function equity_of(account, mark_of) {
  if (account?.equity !== undefined) return account.equity;
  let total = (account?.cash?.free ?? 0) + (account?.cash?.reserved ?? 0);
  for (const p of account?.positions ?? []) {
    const qty = (p.spot ?? 0) + (p.spot_reserved ?? 0);
    if (!qty) continue;
    const mark = mark_of(p);
    if (mark == null) return null;
    total += qty * mark;
  }
  return total;
}

/// An account-wide P&L (`unrealized_pnl` or `realized_pnl`): the server's total, else the sum over
/// positions when every position carries the field, else null.
export function total_pnl(account, field) {
  if (Number.isSafeInteger(account?.[field])) return account[field];
  const positions = account?.positions ?? [];
  if (!positions.length || !positions.every((p) => Number.isSafeInteger(p[field]))) return null;
  return positions.reduce((sum, p) => sum + p[field], 0);
}

/// Account totals for the summary: {cash (free + reserved), buying_power, level (bps or null),
/// maintenance (bps), state (margin_state), unrealized, realized}; cents unless noted.
export function account_totals(account) {
  const cash = account?.cash ?? {};
  const free = cash.free ?? account?.free_cash ?? 0;
  const level = account?.margin_level_bps ?? null;
  const maintenance = account?.maintenance_bps ?? account?.maintenance_margin_bps ?? 2500;
  return { cash: free + (cash.reserved ?? 0), buying_power: account?.buying_power ?? free, level, maintenance,
    state: margin_state(level, maintenance), unrealized: total_pnl(account, 'unrealized_pnl'),
    realized: total_pnl(account, 'realized_pnl') };
}
