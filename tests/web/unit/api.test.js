import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api_client, api_error, error_from, unless_missing } from '../../../web/js/lib/api.js';

function response(status, body) {
  return { ok: status >= 200 && status < 300, status, text: async () => (body === undefined ? '' : JSON.stringify(body)) };
}

function fake_server(routes) {
  const calls = [];
  const fetch_impl = async (url, init) => {
    calls.push({ url, method: init.method, auth: init.headers.Authorization, body: init.body && JSON.parse(init.body) });
    const handler = routes[`${init.method} ${url}`];
    if (!handler) return response(404, { code: 'NOT_FOUND', message: 'no route' });
    return handler(init, calls);
  };
  return { calls, fetch_impl };
}

function fake_timers() {
  const pending = new Map();
  let next = 1;
  return {
    pending,
    set: (fn, ms) => { pending.set(next, { fn, ms }); return next++; },
    clear: (id) => pending.delete(id),
  };
}

function memory_storage() {
  const map = new Map();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, v), removeItem: (k) => map.delete(k), map };
}

test('errors keep the server code; other failures map from the status', async () => {
  const { fetch_impl } = fake_server({
    'GET /api/v1/x': () => response(400, { code: 'OFF_TICK', message: 'price is not a multiple' }),
    'GET /api/v1/y': () => ({ ok: false, status: 503, text: async () => '<html>' }),
  });
  const api = new api_client({ fetch_impl, timers: fake_timers() });
  await assert.rejects(api.get('/x'), (err) => err instanceof api_error && err.code === 'OFF_TICK' && err.status === 400);
  await assert.rejects(api.get('/y'), { code: 'UNAVAILABLE', status: 503 });
  await assert.rejects(api.get('/nothing'), { code: 'NOT_FOUND' });
  const offline = new api_client({ fetch_impl: async () => { throw new TypeError('net'); }, timers: fake_timers() });
  await assert.rejects(offline.get('/x'), { code: 'UNAVAILABLE', status: 0 });
  assert.equal(error_from(418, null).code, 'INTERNAL_ERROR');
});

test('login stores the refresh token, sends the bearer and schedules a refresh at 80 %', async () => {
  const timers = fake_timers();
  const storage = memory_storage();
  const sessions = [];
  const { calls, fetch_impl } = fake_server({
    'POST /api/v1/auth/local/login': () => response(200, { access_token: 'a1', refresh_token: 'r1', expires_in: 100, user: { username: 'ann', role: 'player' } }),
    'GET /api/v1/account': () => response(200, { cash: 5 }),
    'POST /api/v1/auth/refresh': () => response(200, { access_token: 'a2', refresh_token: 'r2', expires_in: 100 }),
  });
  const api = new api_client({ fetch_impl, timers, storage, on_session: (s) => sessions.push(s) });
  await api.login('ann', 'pw');
  assert.equal(storage.getItem('bourse.refresh'), 'r1');
  assert.deepEqual(calls[0].body, { username: 'ann', password: 'pw' });
  assert.equal(calls[0].auth, undefined);
  assert.deepEqual(await api.get('/account'), { cash: 5 });
  assert.equal(calls[1].auth, 'Bearer a1');
  assert.equal(timers.pending.size, 1);
  const [timer] = timers.pending.values();
  assert.equal(timer.ms, 80000);
  timer.fn();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(calls[2].body, { refresh_token: 'r1' });
  assert.equal(api.access_token, 'a2');
  assert.equal(api.session.user.username, 'ann', 'the user survives a refresh');
  assert.equal(storage.getItem('bourse.refresh'), 'r2');
  assert.equal(sessions.length, 2);
});

test('TOKEN_EXPIRED triggers one shared refresh and a retry', async () => {
  let account_calls = 0;
  let refresh_calls = 0;
  const { calls, fetch_impl } = fake_server({
    'GET /api/v1/account': (init) => {
      account_calls += 1;
      return init.headers.Authorization === 'Bearer new' ? response(200, { ok: 1 }) : response(401, { code: 'TOKEN_EXPIRED', message: '' });
    },
    'POST /api/v1/auth/refresh': () => { refresh_calls += 1; return response(200, { access_token: 'new', refresh_token: 'r9', expires_in: 60 }); },
  });
  const api = new api_client({ fetch_impl, timers: fake_timers() });
  api.set_session({ access_token: 'old', refresh_token: 'r0', expires_in: 60 });
  const results = await Promise.all([api.get('/account'), api.get('/account')]);
  assert.deepEqual(results, [{ ok: 1 }, { ok: 1 }]);
  assert.equal(refresh_calls, 1);
  assert.equal(account_calls, 4);
  assert.ok(calls.some((c) => c.url === '/api/v1/auth/refresh'));
});

test('a rejected refresh signs out', async () => {
  const storage = memory_storage();
  const { fetch_impl } = fake_server({
    'GET /api/v1/account': () => response(401, { code: 'TOKEN_EXPIRED', message: '' }),
    'POST /api/v1/auth/refresh': () => response(401, { code: 'TOKEN_INVALID', message: '' }),
  });
  const api = new api_client({ fetch_impl, timers: fake_timers(), storage });
  api.set_session({ access_token: 'old', refresh_token: 'r0', expires_in: 60 });
  await assert.rejects(api.get('/account'), { code: 'TOKEN_INVALID' });
  assert.equal(api.session, null);
  assert.equal(storage.getItem('bourse.refresh'), null);
});

test('logout revokes the refresh token and clears the session even when the call fails', async () => {
  const { calls, fetch_impl } = fake_server({ 'POST /api/v1/auth/logout': () => response(500, null) });
  const api = new api_client({ fetch_impl, timers: fake_timers() });
  api.set_session({ access_token: 'a', refresh_token: 'r', expires_in: 60 });
  await assert.rejects(api.logout(), { code: 'INTERNAL_ERROR' });
  assert.deepEqual(calls[0].body, { refresh_token: 'r' });
  assert.equal(api.session, null);
});

test('unless_missing turns only an unserved route into the fallback', async () => {
  assert.deepEqual(await unless_missing(Promise.resolve({ a: 1 })), { a: 1 });
  assert.equal(await unless_missing(Promise.reject(new api_error(404, 'NOT_FOUND', '')), 'none'), 'none');
  await assert.rejects(unless_missing(Promise.reject(new api_error(404, 'UNKNOWN_ORDER', ''))), { code: 'UNKNOWN_ORDER' });
  await assert.rejects(unless_missing(Promise.reject(new api_error(503, 'UNAVAILABLE', ''))), { code: 'UNAVAILABLE' });
});
