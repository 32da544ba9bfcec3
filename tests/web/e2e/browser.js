// Headless Chromium for the end-to-end tests (Debian's chromium driven by playwright-core), and
// screenshot checks on the saved PNGs.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { decode_png, count_colour, colour_count } from './png.js';

/// Launches Chromium with a fresh profile under out_dir; returns the persistent context.
export async function launch(out_dir, viewport = { width: 1400, height: 900 }) {
  mkdirSync(out_dir, { recursive: true });
  return chromium.launchPersistentContext(mkdtempSync(join(out_dir, 'profile-')), {
    executablePath: process.env.BOURSE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/// Saves a screenshot of the page (or of one element) as out_dir/name.png and checks that it is not
/// blank; returns the decoded image for further pixel checks.
export async function snap(target, out_dir, name) {
  const png = await target.screenshot();
  writeFileSync(join(out_dir, `${name}.png`), png);
  const image = decode_png(png);
  assert.ok(image.width > 50 && image.height > 50, `${name}: screenshot too small`);
  assert.ok(colour_count(image) > 8, `${name}: screenshot is blank`);
  return image;
}

/// Chart colours (web/css/app.css) and Bootstrap 5 badge colours.
export const colours = { up: [38, 166, 154], down: [239, 83, 80], primary: [13, 110, 253], secondary: [108, 117, 125],
  danger: [220, 53, 69], info: [13, 202, 240] };
export { count_colour };
