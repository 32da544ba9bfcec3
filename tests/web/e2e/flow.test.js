// The browser flow of issue 6 against a running node (BOURSE_NODE_URL, e.g. http://127.0.0.1:8080):
// register, sign in, live chart and book, resting limit order in open orders and in the book, cancel,
// crossing order and its fill, position and cash change, auction bid and extension; a checked
// screenshot of every screen under BOURSE_TEST_OUTPUT (default build/web-e2e/<time>).
// The auction step needs an admin or auctioneer: BOURSE_ADMIN_USERNAME / BOURSE_ADMIN_PASSWORD.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, snap, colours, count_colour } from './browser.js';

const base = process.env.BOURSE_NODE_URL?.replace(/\/$/, '');
const out_dir = process.env.BOURSE_TEST_OUTPUT
  ?? join(new URL('../../..', import.meta.url).pathname, 'build', 'web-e2e', new Date().toISOString().replace(/[:.]/g, '-'));
const skip = base ? false : 'BOURSE_NODE_URL is not set: start a node (scripts/run) and set it to run the browser flow';
const live_ms = 30000;

async function rest(path, { method = 'GET', token, body } = {}) {
  const res = await fetch(`${base}/api/v1${path}`, { method, body: body && JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const text_of = (page, testid) => page.locator(`[data-testid=${testid}]`).first().innerText();
const money = (cents) => (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const cents_in = (text) => Number(text.match(/-?[\d,]+\.\d\d/)[0].replace(/[,.]/g, ''));

test('browser flow: market, trading, portfolio, leaderboard, auction', { skip, timeout: 240000 }, async (t) => {
  const browser = await launch(out_dir);
  t.after(() => browser.close());
  const page = browser.pages()[0] ?? await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  const username = `e2e_${Date.now().toString(36)}`;
  const password = 'e2e-password-1';
  let symbol = null;

  await t.test('viewer sees the chart, book and tape fill from live trading', async () => {
    await page.goto(`${base}/#/market`);
    await page.locator('[data-testid=instrument-row]').first().waitFor({ timeout: live_ms });
    symbol = await page.locator('[data-testid=instrument-row]').first().getAttribute('data-symbol');
    await page.goto(`${base}/#/market/${symbol}`);
    await page.locator('[data-testid=conn-status]', { hasText: 'live' }).waitFor({ timeout: live_ms });
    await page.locator('[data-testid=bid-level]').first().waitFor({ timeout: live_ms });
    await page.locator('[data-testid=ask-level]').first().waitFor({ timeout: live_ms });
    await page.locator('[data-testid=trade-row]').first().waitFor({ timeout: live_ms });
    assert.match(await text_of(page, 'spread'), /spread \d/);
    await page.waitForTimeout(500);
    const chart = await snap(page.locator('[data-testid=candle-chart]'), out_dir, 'market-chart');
    assert.ok(count_colour(chart, colours.up) + count_colour(chart, colours.down) > 200, 'candles drawn');
    const depth = await snap(page.locator('[data-testid=depth-chart]'), out_dir, 'market-depth');
    assert.ok(count_colour(depth, colours.up, 40) > 50 && count_colour(depth, colours.down, 40) > 50, 'both depth sides drawn');
    assert.equal(await page.locator('[data-testid=tv-attribution]').getAttribute('href'), 'https://www.tradingview.com/');
    await snap(page, out_dir, 'market');
  });

  await t.test('register and sign in', async () => {
    await page.goto(`${base}/#/signin`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await snap(page, out_dir, 'signin');
    await page.click('[data-testid=register-submit]');
    await page.locator('[data-testid=user-name]', { hasText: username }).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('[data-testid=sign-out]').isVisible(), true);
  });

  const ladder_price = async (kind) => Number(await page.locator(`[data-testid=${kind}-level]`).first().getAttribute('data-price'));
  const summary = () => text_of(page, 'trade-summary');

  await t.test('a resting limit order shows in open orders and in the book, then cancels', async () => {
    await page.goto(`${base}/#/trade/${symbol}`);
    await page.locator('[data-testid=bid-level]').first().waitFor({ timeout: live_ms });
    await page.locator('[data-testid=trade-summary]', { hasText: 'Buying power' }).waitFor({ timeout: 10000 });
    await page.locator('[data-testid=bid-level]').last().click(); // far from the ask, so it rests
    // The live ladder may re-render between reading a level and clicking it: take the price the click set.
    const price = Math.round(Number((await page.inputValue('#price')).replaceAll(',', '')) * 100);
    await page.locator('[data-testid=preset-1]').click();
    await page.click('[data-testid=order-submit]');
    const row = page.locator('[data-testid=open-order]', { hasText: symbol }).filter({ hasText: money(price) });
    await row.first().waitFor({ timeout: 10000 });
    assert.match(await row.first().innerText(), /BUY\tLIMIT/);
    await page.locator(`[data-testid=bid-level][data-price="${price}"]`, { hasText: '●' }).waitFor({ timeout: 10000 });
    await snap(page, out_dir, 'trade-resting');
    const count = await row.count();
    await row.first().locator('[data-testid=cancel-order]').click();
    await page.waitForFunction(([p, n]) => [...document.querySelectorAll('[data-testid=open-order]')]
      .filter((r) => r.innerText.includes(p)).length < n, [money(price), count], { timeout: 10000 });
  });

  await t.test('a crossing order fills and changes position and cash', async () => {
    const before = await summary();
    const ask = await ladder_price('ask');
    await page.locator('[data-testid=ask-level]').last().click(); // fills the price field
    await page.fill('#price', (ask / 100).toFixed(2));
    await page.locator('[data-testid=preset-1]').click();
    await page.click('[data-testid=order-submit]');
    await page.click('[data-testid=tab-fills]');
    await page.locator('[data-testid=fills] tbody tr', { hasText: symbol }).first().waitFor({ timeout: 15000 });
    await page.waitForFunction((b) => document.querySelector('[data-testid=trade-summary]').innerText !== b, before, { timeout: 15000 });
    const after = await summary();
    assert.ok(cents_in(after) < cents_in(before), `cash went down: ${before} -> ${after}`);
    assert.doesNotMatch(after, new RegExp(`${symbol} spot 0 `));
    await snap(page, out_dir, 'trade-filled');
  });

  await t.test('portfolio shows the position and the equity', async () => {
    await page.goto(`${base}/#/portfolio`);
    await page.locator(`[data-testid=position-row][data-symbol="${symbol}"]`).first().waitFor({ timeout: 10000 });
    assert.match(await text_of(page, 'equity'), /\d\.\d\d/);
    await snap(page, out_dir, 'portfolio');
  });

  await t.test('leaderboard lists players and bots', async () => {
    await page.goto(`${base}/#/leaderboard`);
    await page.locator('[data-testid=leader-row]').first().waitFor({ timeout: 10000 });
    await snap(page, out_dir, 'leaderboard');
  });

  const admin_user = process.env.BOURSE_ADMIN_USERNAME;
  const admin_password = process.env.BOURSE_ADMIN_PASSWORD;
  await t.test('auction bid extends the lot', { skip: admin_user && admin_password ? false : 'BOURSE_ADMIN_USERNAME/PASSWORD not set' }, async () => {
    const admin = await rest('/auth/local/login', { method: 'POST', body: { username: admin_user, password: admin_password } });
    const lot = await rest('/auctions', { method: 'POST', token: admin.access_token, body: {
      title: `E2E lot ${username}`, description: 'browser test', item_ref: 'e2e-collectible', start_price: 100, increment: 100,
      duration_s: 120, extension_window_s: 300, extension_s: 300, start: 'now' } });
    const id = lot.id ?? lot.auction_id;
    await page.goto(`${base}/#/auctions`);
    await page.locator(`[data-testid=auction-row][data-id="${id}"]`).waitFor({ timeout: 10000 });
    await snap(page, out_dir, 'auctions');
    await page.goto(`${base}/#/auctions/${id}`);
    await page.locator('[data-testid=bid-0]').waitFor({ timeout: 10000 });
    const before = await text_of(page, 'countdown');
    await page.click('[data-testid=bid-0]');
    await page.locator('[data-testid=high-bidder]', { hasText: '(you)' }).waitFor({ timeout: 10000 });
    await page.locator('[data-testid=extended-notice]').waitFor({ state: 'visible', timeout: 10000 });
    const after = await text_of(page, 'countdown');
    const seconds = (s) => s.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
    assert.ok(seconds(after) > seconds(before), `countdown extended: ${before} -> ${after}`);
    await snap(page, out_dir, 'auction-room');
  });

  await t.test('phone-sized screen keeps the market usable', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/#/market/${symbol}`);
    await page.locator('[data-testid=bid-level]').first().waitFor({ timeout: live_ms });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 400, `no horizontal scrolling on a phone (${width}px)`);
    await snap(page, out_dir, 'market-phone');
  });

  await t.test('sign out returns to viewer mode', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.click('[data-testid=sign-out]');
    await page.locator('[data-testid=user-name]', { hasText: 'viewer' }).waitFor({ timeout: 10000 });
  });
  assert.deepEqual(errors, [], 'no uncaught page errors');
});
