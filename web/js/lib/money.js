// Money and quantity formatting and parsing. Prices and amounts are integer cents, quantities integer
// shares; parsing uses string arithmetic only, so "12.34" is exactly 1234 (no float rounding).

const decimal_pattern = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

function group_thousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/// Formats cents as "1,234.56" ("-0.05" for -5). opts.sign adds "+" to positive values.
export function format_cents(value, opts = {}) {
  if (!Number.isSafeInteger(value)) return '—';
  const negative = value < 0;
  const abs = String(Math.abs(value)).padStart(3, '0');
  const whole = group_thousands(abs.slice(0, -2));
  const sign = negative ? '-' : opts.sign && value > 0 ? '+' : '';
  return `${sign}${whole}.${abs.slice(-2)}`;
}

/// Parses a decimal amount ("12.34", "1,000", "-0.5", ".25") to integer cents; null when the text is
/// not a number, has more than two decimals or exceeds the safe integer range.
export function parse_cents(text) {
  if (typeof text !== 'string') return null;
  const match = decimal_pattern.exec(text.trim());
  if (!match || (match[2] === undefined && !match[3])) return null;
  const fraction = match[3] ?? '';
  if (fraction.length > 2) return null;
  const whole = (match[2] ?? '0').replaceAll(',', '');
  const digits = (whole + fraction.padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return null;
  return match[1] === '-' && value !== 0 ? -value : value;
}

/// Formats shares as "1,234" ("-50" for a short).
export function format_shares(value) {
  if (!Number.isSafeInteger(value)) return '—';
  return (value < 0 ? '-' : '') + group_thousands(String(Math.abs(value)));
}

/// Parses a whole number of shares ("1,000" or "250"); null for anything else (decimals, signs).
export function parse_shares(text) {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  if (!/^(\d{1,3}(?:,\d{3})+|\d+)$/.test(trimmed)) return null;
  const value = Number(trimmed.replaceAll(',', ''));
  return Number.isSafeInteger(value) ? value : null;
}

/// Formats basis points as a percentage with two decimals: 15000 -> "150.00%".
export function format_bps(bps) {
  if (!Number.isSafeInteger(bps)) return '—';
  return `${format_cents(bps)}%`;
}

/// Change from a reference price: cents, basis points (truncated toward zero) and a direction.
export function price_change(last, reference) {
  if (!Number.isSafeInteger(last) || !Number.isSafeInteger(reference) || reference <= 0 || last <= 0)
    return { cents: 0, bps: 0, direction: 'flat' };
  const diff = last - reference;
  const bps = Math.trunc((diff * 10000) / reference);
  return { cents: diff, bps, direction: diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat' };
}

/// "+1.23 (+0.50%)" for a price_change.
export function format_change(change) {
  return `${format_cents(change.cents, { sign: true })} (${format_cents(change.bps, { sign: true })}%)`;
}
