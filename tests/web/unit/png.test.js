import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { decode_png, count_colour, colour_count } from '../e2e/png.js';

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  return Buffer.concat([head, data, Buffer.alloc(4)]); // the reader does not check CRCs
}

/// A 3x2 RGB PNG whose rows use filters none, sub, up, average and paeth.
function sample(filter_rows) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(3, 0);
  ihdr.writeUInt32BE(filter_rows.length, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.concat(filter_rows.map(([f, bytes]) => Buffer.from([f, ...bytes])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('decodes filtered rows to RGBA', () => {
  const png = sample([
    [0, [255, 0, 0, 0, 255, 0, 0, 0, 255]],
    [1, [10, 10, 10, 5, 5, 5, 1, 1, 1]], // sub: 10, 15, 16
    [2, [1, 1, 1, 1, 1, 1, 1, 1, 1]], // up: 11, 16, 17
    [3, [0, 0, 0, 0, 0, 0, 0, 0, 0]], // average: (left + up) / 2
    [4, [0, 0, 0, 0, 0, 0, 0, 0, 0]], // paeth predictor
  ]);
  const image = decode_png(png);
  assert.equal(image.width, 3);
  assert.equal(image.height, 5);
  const px = (x, y) => [...image.pixels.subarray((y * 3 + x) * 4, (y * 3 + x) * 4 + 4)];
  assert.deepEqual(px(0, 0), [255, 0, 0, 255]);
  assert.deepEqual(px(2, 0), [0, 0, 255, 255]);
  assert.deepEqual(px(2, 1), [16, 16, 16, 255]);
  assert.deepEqual(px(1, 2), [16, 16, 16, 255]);
  assert.deepEqual(px(0, 3), [5, 5, 5, 255]); // (0 + 11) >> 1
  assert.deepEqual(px(1, 3), [10, 10, 10, 255]); // (5 + 16) >> 1
  assert.deepEqual(px(0, 4), [5, 5, 5, 255]); // paeth: only up
  assert.equal(count_colour(image, [255, 0, 0], 0), 1);
  assert.ok(colour_count(image) >= 5);
});

test('refuses other formats', () => {
  assert.throws(() => decode_png(Buffer.from('GIF89a----')), /not a PNG/);
});
