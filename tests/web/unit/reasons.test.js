import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { known_codes, reason_text, reason_with_code } from '../../../web/js/lib/reasons.js';

const source = readFileSync(new URL('../../../actors/common/reason_code.cpp', import.meta.url), 'utf8');
const server_codes = [...source.matchAll(/reason_code::\w+,\s*"([A-Z_]+)"/g)].map((m) => m[1])
  .filter((code) => code !== 'NONE');

test('every server reason code has its own player text', () => {
  assert.ok(server_codes.length > 50, 'parsed the server table');
  for (const code of server_codes) assert.ok(known_codes.includes(code), `${code} has no text`);
  assert.deepEqual([...known_codes].sort(), [...server_codes].sort());
  const texts = new Set(server_codes.map(reason_text));
  assert.equal(texts.size, server_codes.length, 'texts are distinct');
});

test('an unknown code still yields a message naming it', () => {
  assert.match(reason_text('SOMETHING_NEW'), /SOMETHING_NEW/);
  assert.equal(reason_text('OFF_TICK'), 'The price must be a multiple of the tick size.');
});

test('rejections can be shown with their wire code', () => {
  assert.equal(reason_with_code('OFF_TICK'), 'The price must be a multiple of the tick size. [OFF_TICK]');
  assert.match(reason_with_code('DELIVERY_NEW_CODE'), /\(DELIVERY_NEW_CODE\)\. \[DELIVERY_NEW_CODE\]$/);
  assert.match(reason_with_code(undefined), /\[INTERNAL_ERROR\]$/);
});
