// Order-entry checks before sending, mirroring the server (actors/book/order_validation.cpp and the
// pre-trade risk of docs/accounts.md) so the player sees the reason at once. The server stays the
// authority: it runs the same checks again. Prices cents, quantities shares, rates basis points.

const int64_max = 9223372036854775807n;

function ceil_div(a, b) {
  return (a + b - 1n) / b;
}

/// Lowest price of the band, rounded up to the tick (as band_low in actors/common/instrument.hpp).
export function band_low(inst) {
  const raw = inst.reference_price - Math.trunc((inst.reference_price * inst.price_band_bps) / 10000);
  const rounded = Math.ceil(raw / inst.tick_size) * inst.tick_size;
  return rounded < inst.tick_size ? inst.tick_size : rounded;
}

/// Highest price of the band, rounded down to the tick.
export function band_high(inst) {
  const raw = inst.reference_price + Math.trunc((inst.reference_price * inst.price_band_bps) / 10000);
  return Math.floor(raw / inst.tick_size) * inst.tick_size;
}

const is_market = (type) => type === 'MARKET' || type === 'STOP';
const is_stop = (type) => type === 'STOP' || type === 'STOP_LIMIT';

/// Cash the order holds back when placed, in cents, as a BigInt (docs/accounts.md "required cash"):
/// spot buy N + fee + lots; margin open im + fee + 2 lots; sells and closes 0 (close short: fee + lots).
export function required_cash(order, inst, position = { spot: 0, margin: 0 }) {
  const qty = BigInt(order.quantity);
  const buy = order.side === 'BUY';
  const limit = is_market(order.type) ? band_high(inst) : order.price;
  const price = BigInt(buy ? limit : Math.max(limit, band_high(inst)));
  const notional = price * qty;
  const fee_bps = BigInt(Math.max(inst.maker_fee_bps ?? 0, inst.taker_fee_bps ?? 0));
  const lots = ceil_div(qty, BigInt(inst.lot_size));
  const fee = fee_bps > 0n ? ceil_div(notional * fee_bps, 10000n) + lots : 0n;
  if (!order.margin) return buy ? notional + fee : 0n;
  const closing = buy ? (position.margin ?? 0) < 0 : (position.margin ?? 0) > 0;
  if (closing) return buy ? fee : 0n;
  const im_bps = BigInt(inst.initial_margin_bps ?? 10000);
  const im = im_bps > 0n ? ceil_div(notional * im_bps, 10000n) + lots : 0n;
  return im + fee;
}

function check(order, inst, now_s) {
  const qty = order.quantity;
  if (!Number.isSafeInteger(qty) || qty <= 0) return ['quantity', 'INVALID_QUANTITY'];
  if (qty % inst.lot_size !== 0) return ['quantity', 'OFF_LOT'];
  if (qty > inst.max_quantity) return ['quantity', 'QUANTITY_ABOVE_MAX'];
  if (qty < inst.min_quantity) return ['quantity', 'QUANTITY_BELOW_MIN'];
  const immediate = order.time_in_force === 'IOC' || order.time_in_force === 'FOK';
  if (is_market(order.type) && !immediate) return ['time_in_force', 'INVALID_TIME_IN_FORCE'];
  if (order.post_only && order.type !== 'LIMIT') return ['post_only', 'POST_ONLY_NOT_LIMIT'];
  if (order.post_only && immediate) return ['time_in_force', 'INVALID_TIME_IN_FORCE'];
  if (!is_market(order.type)) {
    const price = order.price;
    if (!Number.isSafeInteger(price) || price <= 0) return ['price', 'INVALID_PRICE'];
    if (price % inst.tick_size !== 0) return ['price', 'OFF_TICK'];
    if (price < band_low(inst) || price > band_high(inst)) return ['price', 'OUTSIDE_PRICE_BAND'];
    if (BigInt(price) * BigInt(qty) > int64_max) return ['price', 'NOTIONAL_OVERFLOW'];
  }
  if (is_stop(order.type)) {
    const stop = order.stop_price;
    if (!Number.isSafeInteger(stop) || stop <= 0 || stop % inst.tick_size !== 0) return ['stop_price', 'INVALID_STOP_PRICE'];
  }
  if (order.display_quantity) {
    const d = order.display_quantity;
    if (is_market(order.type) || d < 0 || d > qty || d % inst.lot_size !== 0)
      return ['display_quantity', 'INVALID_DISPLAY_QUANTITY'];
  }
  if (order.time_in_force === 'GTD' && !(order.expire_time_s > now_s)) return ['expire_time', 'INVALID_EXPIRE_TIME'];
  if (order.margin && !inst.margin_allowed) return ['margin', 'MARGIN_NOT_ALLOWED'];
  return null;
}

function check_risk(order, inst, account) {
  const position = account.positions?.[inst.symbol] ?? { spot: 0, margin: 0 };
  if (order.side === 'SELL' && !order.margin && (position.spot ?? 0) < order.quantity)
    return ['quantity', 'INSUFFICIENT_SHARES'];
  if (order.margin) {
    const margin = position.margin ?? 0;
    const closes = order.side === 'BUY' ? margin < 0 : margin > 0;
    if (closes && order.quantity > Math.abs(margin)) return ['quantity', 'INSUFFICIENT_POSITION'];
  }
  const need = required_cash(order, inst, position);
  if (need > BigInt(account.free_cash ?? 0))
    return ['quantity', order.margin ? 'INSUFFICIENT_MARGIN' : 'INSUFFICIENT_BUYING_POWER'];
  return null;
}

/// Validates an order {side, type, price, stop_price, quantity, time_in_force, expire_time_s, post_only,
/// margin, display_quantity} against an instrument and, when given, the account
/// {free_cash, positions: {SYM: {spot, margin}}}. Returns {ok: true, required_cash} or
/// {ok: false, field, code} with the first failing reason code, in the server's order.
export function validate_order(order, inst, { account = null, now_s = Date.now() / 1000 } = {}) {
  const failure = check(order, inst, now_s) ?? (account ? check_risk(order, inst, account) : null);
  if (failure) return { ok: false, field: failure[0], code: failure[1] };
  return { ok: true, required_cash: required_cash(order, inst, account?.positions?.[inst.symbol]) };
}

/// Rounds a price to the nearest tick (half up), for price-edit and ladder-click helpers.
export function round_to_tick(price, tick) {
  return Math.floor((price + Math.floor(tick / 2)) / tick) * tick;
}
