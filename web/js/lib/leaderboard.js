// Leaderboard rows from GET /api/v1/leaderboard ({rank, account_id, username, kind: PLAYER|BOT,
// net_worth (cents)}); older nodes send no username or kind.

/// Display rows sorted by rank (then net worth, highest first): {rank, account_id, name, kind
/// ('PLAYER', 'BOT' or null when unknown), net_worth}. The name falls back to "#<account id>".
export function leader_rows(list) {
  const rows = list.map((r, i) => {
    const kind = String(r.kind ?? (r.role === 'bot' ? 'BOT' : '')).toUpperCase();
    return { rank: r.rank ?? i + 1, account_id: r.account_id ?? null, name: r.username ?? r.name ?? (r.account_id != null ? `#${r.account_id}` : '?'),
      kind: kind === 'PLAYER' || kind === 'BOT' ? kind : null, net_worth: r.net_worth };
  });
  return rows.sort((a, b) => a.rank - b.rank || (b.net_worth ?? 0) - (a.net_worth ?? 0));
}

/// The account id an admin means by `text`: a positive integer ("7" or "#7") as it is, else the
/// account of the leaderboard row whose username matches exactly; null when neither, or when the row's id
/// is beyond 2^53 (bot accounts: a JSON number that large arrives rounded, so it names another account).
export function account_for(text, rows) {
  const trimmed = String(text ?? '').trim();
  const id = /^#?([1-9]\d{0,15})$/.exec(trimmed);
  if (id) return Number(id[1]);
  const row = rows.find((r) => r.username === trimmed);
  return Number.isSafeInteger(row?.account_id) ? row.account_id : null;
}
