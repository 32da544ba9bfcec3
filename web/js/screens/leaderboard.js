// Leaderboard: players and bots ranked by net worth (equity), refreshed live (leaderboard channel, else
// polling), each with a PLAYER or BOT badge.

import { h, panel, fill, table } from '../ui/dom.js';
import { format_cents } from '../lib/money.js';
import { leader_rows } from '../lib/leaderboard.js';
import { list_of } from '../ui/market_state.js';

const badges = { PLAYER: 'text-bg-info', BOT: 'text-bg-secondary' };

export function mount(root, ctx) {
  const board = panel('Leaderboard', 'leaderboard-panel');
  const updated = h('div', { class: 'small text-body-secondary mb-2', dataset: { testid: 'leaderboard-updated' } });
  board.body.append(updated, h('div'));
  root.append(board.panel);

  function render(list) {
    const me = ctx.user?.username;
    fill(board.body.lastChild, table(['#', 'Name', 'Kind', { text: 'Net worth', class: 'num' }],
      leader_rows(list).map((r) => h('tr', { class: r.name === me ? 'table-primary' : '', dataset: { testid: 'leader-row', kind: r.kind ?? '' } },
        h('td', {}, String(r.rank)), h('td', { dataset: { testid: 'leader-name' } }, r.name, r.name === me ? ' (you)' : ''),
        h('td', {}, r.kind ? h('span', { class: `badge ${badges[r.kind]}`, dataset: { testid: 'leader-kind' } }, r.kind) : ''),
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
