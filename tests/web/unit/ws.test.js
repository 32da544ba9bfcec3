import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ws_client, backoff_ms } from '../../../web/js/lib/ws.js';

class fake_socket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.sent = [];
    this.closed = false;
    fake_socket.all.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.closed = true; this.onclose?.({}); }
  open() { this.onopen(); }
  receive(msg) { this.onmessage({ data: JSON.stringify(msg) }); }
  drop() { this.onclose({}); }
}

function fake_timers() {
  const pending = new Map();
  let next = 1;
  return {
    pending,
    set: (fn, ms) => { pending.set(next, { fn, ms }); return next++; },
    clear: (id) => pending.delete(id),
    fire(predicate) {
      for (const [id, t] of [...pending]) if (predicate(t)) { pending.delete(id); t.fn(); }
    },
  };
}

function setup(token = () => 'tok') {
  fake_socket.all = [];
  const timers = fake_timers();
  const statuses = [];
  const client = new ws_client({ url: 'ws://x/ws', socket_impl: fake_socket, token, timers, random: () => 1,
    on_status: (s) => statuses.push(s), ping_ms: 20000 });
  return { client, timers, statuses };
}

test('backoff doubles up to the cap with jitter', () => {
  assert.equal(backoff_ms(0, { random: () => 1 }), 500);
  assert.equal(backoff_ms(3, { random: () => 1 }), 4000);
  assert.equal(backoff_ms(10, { random: () => 1 }), 15000);
  assert.equal(backoff_ms(1, { random: () => 0 }), 500);
});

test('auth and subscriptions go out on open; messages reach channel handlers', () => {
  const { client } = setup();
  const got = [];
  client.subscribe('ticker', (m) => got.push(m));
  client.start();
  const socket = fake_socket.all[0];
  socket.open();
  assert.deepEqual(socket.sent, [{ op: 'auth', token: 'tok' }, { op: 'subscribe', channels: ['ticker'] }]);
  const off = client.subscribe('book.ACME', () => {});
  assert.deepEqual(socket.sent.at(-1), { op: 'subscribe', channels: ['book.ACME'] });
  client.subscribe('ticker', () => {});
  assert.equal(socket.sent.length, 3, 'a second handler does not subscribe again');
  socket.receive({ channel: 'ticker', type: 'update', data: { symbol: 'ACME' } });
  socket.receive({ channel: 'other', type: 'update', data: {} });
  assert.equal(got.length, 1);
  off();
  assert.deepEqual(socket.sent.at(-1), { op: 'unsubscribe', channels: ['book.ACME'] });
});

test('a dropped socket reconnects with backoff and resubscribes everything', () => {
  const { client, timers, statuses } = setup(() => null);
  client.subscribe('ticker', () => {});
  client.subscribe('trades.ACME', () => {});
  client.start();
  fake_socket.all[0].open();
  fake_socket.all[0].drop();
  assert.equal(client.status, 'reconnecting');
  const delays = [...timers.pending.values()].map((t) => t.ms).filter((ms) => ms !== 20000);
  assert.deepEqual(delays, [500]);
  timers.fire((t) => t.ms === 500);
  assert.equal(fake_socket.all.length, 2);
  fake_socket.all[1].drop();
  assert.ok([...timers.pending.values()].some((t) => t.ms === 1000), 'second attempt waits longer');
  timers.fire((t) => t.ms === 1000);
  fake_socket.all[2].open();
  assert.deepEqual(fake_socket.all[2].sent, [{ op: 'subscribe', channels: ['ticker', 'trades.ACME'] }]);
  assert.deepEqual(statuses, ['connecting', 'open', 'reconnecting', 'connecting', 'reconnecting', 'connecting', 'open']);
});

test('requests resolve by echoed id, reject with the error code, and fail on disconnect', async () => {
  const { client, timers } = setup();
  await assert.rejects(client.request('order.new', {}), { code: 'UNAVAILABLE' });
  client.start();
  const socket = fake_socket.all[0];
  socket.open();
  const placed = client.request('order.new', { symbol: 'ACME' });
  const rejected = client.request('order.cancel', { order_id: 4 });
  const lost = client.request('order.replace', { order_id: 5 });
  const [first, second] = socket.sent.slice(-3);
  assert.deepEqual(first, { op: 'order.new', id: 'r1', symbol: 'ACME' });
  socket.receive({ id: second.id, type: 'error', code: 'UNKNOWN_ORDER', message: 'gone' });
  socket.receive({ id: first.id, type: 'result', data: { order_id: 9 } });
  assert.deepEqual(await placed, { order_id: 9 });
  await assert.rejects(rejected, { code: 'UNKNOWN_ORDER' });
  socket.drop();
  await assert.rejects(lost, { code: 'UNAVAILABLE' });
  assert.ok(![...timers.pending.values()].some((t) => t.ms === 10000), 'request timers cleared');
});

test('a request without a reply times out; pings are periodic; stop does not reconnect', async () => {
  const { client, timers } = setup();
  client.start();
  const socket = fake_socket.all[0];
  socket.open();
  const waiting = client.request('order.new', {});
  timers.fire((t) => t.ms === 10000);
  await assert.rejects(waiting, { code: 'TIMEOUT' });
  timers.fire((t) => t.ms === 20000);
  assert.deepEqual(socket.sent.at(-1), { op: 'ping' });
  client.resync('book.ACME');
  assert.deepEqual(socket.sent.slice(-2), [{ op: 'unsubscribe', channels: ['book.ACME'] }, { op: 'subscribe', channels: ['book.ACME'] }]);
  client.stop();
  assert.equal(socket.closed, true);
  assert.equal(fake_socket.all.length, 1);
  assert.ok(![...timers.pending.values()].some((t) => t.ms === 500));
});

test('reauthenticate stops sending on the old socket and reconnects with the new token', () => {
  let token = null;
  const { client, timers } = setup(() => token);
  client.subscribe('ticker', () => {});
  client.start();
  const first = fake_socket.all[0];
  first.onclose_real = first.onclose;
  first.close = function () { this.closed = true; }; // a real socket closes later
  first.open();
  token = 'fresh';
  client.reauthenticate();
  assert.equal(client.status, 'reconnecting');
  const sent = first.sent.length;
  client.subscribe('orders', () => {});
  assert.equal(first.sent.length, sent, 'nothing sent to a closing socket');
  first.onclose_real({});
  timers.fire((t) => t.ms === 500);
  fake_socket.all[1].open();
  assert.deepEqual(fake_socket.all[1].sent, [{ op: 'auth', token: 'fresh' }, { op: 'subscribe', channels: ['ticker', 'orders'] }]);
});
