// Portfolio figures from the account view of docs/accounts.md. Cents, shares, basis points.

/// 'ok', 'warning' (below twice the maintenance level) or 'danger' (below 1.25 times it, liquidation
/// is near); 'none' without margin exposure (level null).
export function margin_state(level_bps, maintenance_bps = 2500) {
  if (level_bps === null || level_bps === undefined) return 'none';
  if (level_bps * 4 < maintenance_bps * 5) return 'danger';
  if (level_bps < maintenance_bps * 2) return 'warning';
  return 'ok';
}

/// Average price in cents (truncated) of cost over quantity; null for no quantity.
export function average_price(cost, qty) {
  return qty ? Math.trunc(cost / Math.abs(qty)) : null;
}

/// Rows for the positions table from a wire position; the server's figures win when present. Without a
/// cost (the node's account view has none yet) avg and unrealized are null.
/// spot: {qty, avg, unrealized}; margin: {qty (signed), avg, unrealized}.
export function position_rows(p, mark) {
  const spot_qty = (p.spot ?? 0) + (p.spot_reserved ?? 0);
  const margin_qty = p.margin ?? 0;
  const spot_avg = p.spot_avg_price ?? (p.spot_cost === undefined ? null : average_price(p.spot_cost, spot_qty));
  const margin_avg = p.margin_avg_price ?? (p.margin_cost === undefined ? null : average_price(p.margin_cost, margin_qty));
  const rows = [];
  if (spot_qty) {
    rows.push({ kind: 'spot', qty: spot_qty, avg: spot_avg,
      unrealized: p.spot_unrealized_pnl ?? (mark && spot_avg !== null ? (mark - spot_avg) * spot_qty : null) });
  }
  if (margin_qty) {
    rows.push({ kind: margin_qty > 0 ? 'margin long' : 'margin short', qty: margin_qty, avg: margin_avg,
      unrealized: p.margin_unrealized_pnl ?? (mark && margin_avg !== null ? (mark - margin_avg) * margin_qty : null) });
  }
  return rows;
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
