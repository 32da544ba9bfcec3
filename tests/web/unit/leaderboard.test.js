import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leader_rows, account_for } from '../../../web/js/lib/leaderboard.js';

test('rows sort by rank and carry a PLAYER/BOT kind, falling back to the account id for the name', () => {
  const rows = leader_rows([
    { rank: 2, account_id: 9, username: 'mm_bot_1', kind: 'BOT', net_worth: 500 },
    { rank: 1, account_id: 7, username: 'alice', kind: 'PLAYER', net_worth: 900 },
    { rank: 3, account_id: 12, net_worth: 100 },
    { rank: 4, name: 'old', role: 'bot', net_worth: 50 },
  ]);
  assert.deepEqual(rows.map((r) => [r.rank, r.name, r.kind]), [[1, 'alice', 'PLAYER'], [2, 'mm_bot_1', 'BOT'], [3, '#12', null], [4, 'old', 'BOT']]);
  assert.deepEqual(leader_rows([{ net_worth: 1 }, { net_worth: 3 }]).map((r) => r.rank), [1, 2], 'rank from position');
  assert.equal(leader_rows([{ rank: 1, kind: 'player' }])[0].kind, 'PLAYER');
  assert.equal(leader_rows([{ rank: 1, kind: 'ALIEN' }])[0].kind, null);
});

test('an admin names an account by id or by username', () => {
  const board = [{ account_id: 7, username: 'alice' }, { account_id: 9, username: 'bob' }, { username: 'ghost' }];
  assert.equal(account_for('12', board), 12);
  assert.equal(account_for(' #12 ', board), 12);
  assert.equal(account_for('bob', board), 9);
  assert.equal(account_for('Bob', board), null, 'usernames match exactly');
  assert.equal(account_for('ghost', board), null, 'row without an account id');
  assert.equal(account_for('bot_1', [{ account_id: 4611686191525465471, username: 'bot_1' }]), null, 'id rounded by JSON');
  assert.equal(account_for('0', board), null);
  assert.equal(account_for('', board), null);
});
