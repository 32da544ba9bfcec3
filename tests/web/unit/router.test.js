import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse_route, route_hash, default_route, token_claims } from '../../../web/js/lib/router.js';

test('hash routes parse with params and query', () => {
  assert.deepEqual(parse_route(''), default_route);
  assert.deepEqual(parse_route('#/'), default_route);
  assert.deepEqual(parse_route('#/market/ACME'), { name: 'market', params: ['ACME'], query: {} });
  assert.deepEqual(parse_route('#/auth/callback?access_token=a&expires_in=60'),
    { name: 'auth', params: ['callback'], query: { access_token: 'a', expires_in: '60' } });
  assert.equal(route_hash('auctions', 'lot 7'), '#/auctions/lot%207');
  assert.deepEqual(parse_route(route_hash('auctions', 'lot 7')).params, ['lot 7']);
});

test('token claims decode base64url JSON and refuse junk', () => {
  const payload = Buffer.from(JSON.stringify({ sub: 'ann', role: 'admin', name: 'Ünïcode' })).toString('base64url');
  assert.deepEqual(token_claims(`x.${payload}.y`), { sub: 'ann', role: 'admin', name: 'Ünïcode' });
  assert.equal(token_claims('nope'), null);
  assert.equal(token_claims('a.%%%.b'), null);
  assert.equal(token_claims(null), null);
});
