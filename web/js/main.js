// The single-page app: session, shared market state, the WebSocket, and hash routing to screens.

import { api_client } from './lib/api.js';
import { ws_client } from './lib/ws.js';
import { parse_route, token_claims } from './lib/router.js';
import { reason_with_code } from './lib/reasons.js';
import { toast } from './ui/dom.js';
import { market_state } from './ui/market_state.js';
import * as signin from './screens/signin.js';
import * as market from './screens/market.js';
import * as trade from './screens/trade.js';
import * as portfolio from './screens/portfolio.js';
import * as leaderboard from './screens/leaderboard.js';
import * as auctions from './screens/auctions.js';
import * as admin from './screens/admin.js';

const screens = { signin, market, trade, portfolio, leaderboard, auctions, admin };

/// The signed-in user {username, role} from the token response or, failing that, the token's claims.
function user_of(session) {
  if (!session) return null;
  if (session.user) return session.user;
  const claims = token_claims(session.access_token) ?? {};
  return { username: claims.username ?? claims.name ?? claims.sub ?? 'player', role: claims.role ?? 'player' };
}

const ctx = {
  user: null,
  /// Shows a rejection or failure with the player text of its reason code.
  fail(err) {
    toast(reason_with_code(err?.code), 'danger');
  },
  can(...roles) {
    return !!ctx.user && roles.includes(ctx.user.role);
  },
};

function render_session() {
  const signed_in = !!ctx.user;
  document.getElementById('user-name').textContent = signed_in ? `${ctx.user.username} (${ctx.user.role})` : 'viewer';
  document.getElementById('sign-in-link').classList.toggle('d-none', signed_in);
  document.getElementById('sign-out').classList.toggle('d-none', !signed_in);
  for (const el of document.querySelectorAll('[data-role-only]'))
    el.classList.toggle('d-none', !ctx.can(...el.dataset.roleOnly.split(' ')));
}

ctx.api = new api_client({
  storage: window.localStorage,
  on_session: (session) => {
    const before = ctx.user?.username;
    ctx.user = user_of(session);
    render_session();
    if (before !== ctx.user?.username) ctx.ws?.reauthenticate();
  },
});

const status_badges = { open: 'text-bg-success', connecting: 'text-bg-warning', reconnecting: 'text-bg-warning', closed: 'text-bg-secondary' };
ctx.ws = new ws_client({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
  token: () => ctx.api.access_token,
  on_status: (status) => {
    const badge = document.getElementById('conn-status');
    badge.className = `badge ${status_badges[status] ?? 'text-bg-secondary'}`;
    badge.textContent = status === 'open' ? 'live' : status;
  },
});
ctx.market = new market_state(ctx);

let unmount = null;
let current_key = '';

function route() {
  const r = parse_route(location.hash);
  if (r.name === 'auth' && r.params[0] === 'callback' && r.query.access_token) {
    ctx.api.set_session({ access_token: r.query.access_token, refresh_token: r.query.refresh_token,
      expires_in: Number(r.query.expires_in) || 300 });
    history.replaceState(null, '', '#/market');
    return route();
  }
  const key = `${r.name}/${r.params.join('/')}`;
  if (key === current_key) return;
  current_key = key;
  unmount?.();
  const screen = screens[r.name] ?? market;
  for (const link of document.querySelectorAll('[data-route]'))
    link.classList.toggle('active', link.dataset.route === (screens[r.name] ? r.name : 'market'));
  const main = document.getElementById('main');
  main.replaceChildren();
  unmount = screen.mount(main, ctx, r) ?? null;
}

/// Re-renders the current screen (after sign-in or sign-out).
ctx.rerender = () => {
  current_key = '';
  route();
};

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await ctx.api.logout();
  } catch {
    // the local session is cleared either way
  }
  location.hash = '#/market';
  ctx.rerender();
});

window.addEventListener('hashchange', route);
ctx.ws.start();
ctx.market.start();
ctx.api.refresh().catch(() => {}).finally(() => {
  render_session();
  route();
});
