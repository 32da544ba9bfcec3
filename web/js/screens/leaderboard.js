// Leaderboard: players and bots ranked by net worth, refreshed live (leaderboard channel, else polling).

import { h, panel, fill, table } from '../ui/dom.js';
import { format_cents } from '../lib/money.js';
import { list_of } from '../ui/market_state.js';

export function mount(root, ctx) {
  const board = panel('Leaderboard', 'leaderboard-panel');
  const updated = h('div', { class: 'small text-body-secondary mb-2', dataset: { testid: 'leaderboard-updated' } });
  board.body.append(updated, h('div'));
  root.append(board.panel);

  function render(rows) {
    rows.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || b.net_worth - a.net_worth);
    const me = ctx.user?.username;
    fill(board.body.lastChild, table(['#', 'Name', 'Kind', { text: 'Net worth', class: 'num' }],
      rows.map((r, i) => h('tr', { class: r.username === me ? 'table-primary' : '', dataset: { testid: 'leader-row' } },
        h('td', {}, String(r.rank ?? i + 1)), h('td', {}, r.username ?? r.name),
        h('td', {}, h('span', { class: `badge ${r.kind === 'bot' || r.role === 'bot' ? 'text-bg-secondary' : 'text-bg-info'}` }, r.kind ?? r.role ?? 'player')),
        h('td', { class: 'num' }, format_cents(r.net_worth)))), { testid: 'leaderboard', empty: 'No players yet.' }));
    updated.textContent = `Updated ${new Date().toLocaleTimeString([], { hour12: false })}`;
  }

  const load = () => ctx.api.get('/leaderboard').then((body) => render(list_of(body, 'leaderboard'))).catch((err) => ctx.fail(err));
  load();
  const timer = setInterval(load, 10000);
  const off = ctx.ws.subscribe('leaderboard', (msg) => render(list_of(msg.data, 'leaderboard')));
  return () => {
    clearInterval(timer);
    off();
  };
}
