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
  let account_id = null;

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

  const admin_user = process.env.BOURSE_ADMIN_USERNAME;
  const admin_password = process.env.BOURSE_ADMIN_PASSWORD;
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

  // The cancelled order is in the history from the channel alone; the filled one needs the server's list
  // (an order that fills at once is never seen open by the channel), checked in the next step.
  await t.test('order history lists the cancelled order; fills list the execution', async () => {
    await page.click('[data-testid=tab-history]');
    await page.locator('[data-testid=history-row]', { hasText: symbol }).first().waitFor({ timeout: 15000 });
    const panel = await snap(page.locator('[data-testid=orders-panel]'), out_dir, 'trade-history');
    assert.ok(count_colour(panel, colours.secondary, 10) > 20, 'a status badge is drawn');
    await page.click('[data-testid=tab-fills]');
    await page.locator('[data-testid=fill-row]', { hasText: symbol }).first().waitFor({ timeout: 10000 });
  });

  // Needs GET /orders?status=ALL (final statuses) and GET /executions (fee, liquidity) from the node.
  await t.test('order history and fills come from the server: CANCELED and FILLED, fee and liquidity', async () => {
    await page.click('[data-testid=tab-history]');
    await page.locator('[data-testid=history-row][data-status=CANCELED]', { hasText: symbol }).first().waitFor({ timeout: 35000 });
    await page.locator('[data-testid=history-row][data-status=FILLED]', { hasText: symbol }).first().waitFor({ timeout: 10000 });
    await page.click('[data-testid=tab-fills]');
    const row = page.locator('[data-testid=fill-row]', { hasText: symbol }).first();
    await row.filter({ hasText: /maker|taker/ }).waitFor({ timeout: 35000 });
    assert.match(await row.innerText(), /\d\.\d\d\t(maker|taker)$/);
    await snap(page.locator('[data-testid=orders-panel]'), out_dir, 'trade-fills');
  });

  await t.test('portfolio shows the position and the equity', async () => {
    await page.goto(`${base}/#/portfolio`);
    await page.locator(`[data-testid=position-row][data-symbol="${symbol}"]`).first().waitFor({ timeout: 10000 });
    assert.match(await text_of(page, 'equity'), /\d\.\d\d/);
    account_id = await page.locator('[data-testid=account-line]').getAttribute('data-account-id');
    assert.match(account_id ?? '', /^\d+$/, 'the portfolio names the account');
    const statement = page.locator('[data-testid=statement]');
    await statement.locator('tr', { hasText: 'Trade' }).first().waitFor({ timeout: 15000 });
    assert.match(await statement.innerText(), /Deposit/, 'the opening deposit is on the cash statement');
    await snap(page, out_dir, 'portfolio');
  });

  // Needs the account contract fields (spot_avg_price, unrealized_pnl, realized_pnl).
  await t.test('portfolio shows the average price and the P&L of the position', async () => {
    const row = page.locator(`[data-testid=position-row][data-symbol="${symbol}"][data-kind=spot]`).first();
    await page.waitForFunction((sym) => {
      const r = document.querySelector(`[data-testid=position-row][data-symbol="${sym}"][data-kind=spot]`);
      return r && /\d\.\d\d/.test(r.cells[3].innerText) && /\d\.\d\d/.test(r.cells[5].innerText);
    }, symbol, { timeout: 10000 });
    assert.match(await text_of(page, 'unrealized-pnl'), /^[+-]?[\d,]+\.\d\d$/);
    assert.match(await text_of(page, 'realized-pnl'), /^[+-]?[\d,]+\.\d\d$/);
    await snap(page.locator('[data-testid=account-panel]'), out_dir, 'portfolio-totals');
  });

  // Needs margin positions in GET /account and POST /positions/{symbol}/delivery.
  await t.test('a margin buy shows as a long margin line and its delivery is taken', async () => {
    await page.goto(`${base}/#/trade/${symbol}`);
    await page.locator('[data-testid=ask-level]').first().waitFor({ timeout: live_ms });
    await page.locator('[data-testid=trade-summary]', { hasText: 'Buying power' }).waitFor({ timeout: 10000 });
    const ask = await ladder_price('ask');
    await page.locator('[data-testid=ask-level]').last().click();
    await page.fill('#price', (ask / 100).toFixed(2));
    await page.check('#margin');
    await page.locator('[data-testid=preset-1]').click();
    await page.click('[data-testid=order-submit]');
    await page.locator('[data-testid=trade-summary]', { hasText: /margin [1-9]/ }).waitFor({ timeout: 15000 });
    await page.goto(`${base}/#/portfolio`);
    const margin_row = page.locator(`[data-testid=position-row][data-symbol="${symbol}"][data-kind="margin long"]`);
    await margin_row.waitFor({ timeout: 10000 });
    await margin_row.locator('[data-testid=take-delivery]').click();
    await page.locator('[data-testid=delivery-quantity]').waitFor();
    await snap(page.locator('[data-testid=positions-panel]'), out_dir, 'portfolio-delivery');
    await page.press('[data-testid=delivery-quantity]', 'Enter');
    await page.locator('[data-testid=toast]', { hasText: 'Take delivery' }).waitFor({ timeout: 10000 });
    await margin_row.waitFor({ state: 'detached', timeout: 10000 });
  });

  await t.test('leaderboard lists players and bots', async () => {
    await page.goto(`${base}/#/leaderboard`);
    await page.locator('[data-testid=leader-row]').first().waitFor({ timeout: 10000 });
    await snap(page, out_dir, 'leaderboard');
  });

  // Needs leaderboard rows with username and kind.
  await t.test('leaderboard names the player and badges players and bots', async () => {
    await page.locator('[data-testid=leader-row][data-kind=BOT]').first().waitFor({ timeout: 15000 });
    const mine = page.locator('[data-testid=leader-row][data-kind=PLAYER]', { hasText: username });
    await mine.waitFor({ timeout: 15000 });
    assert.match(await mine.innerText(), /\(you\)\tPLAYER\t[\d,]+\.\d\d/);
    const board = await snap(page.locator('[data-testid=leaderboard-panel]'), out_dir, 'leaderboard-kinds');
    assert.ok(count_colour(board, colours.info, 10) > 20, 'PLAYER badge drawn');
  });

  await t.test('admin halts and resumes the instrument and deposits to the player, who sees the cash', { skip: admin_user && admin_password ? false : 'BOURSE_ADMIN_USERNAME/PASSWORD not set' }, async () => {
    const admin_browser = await launch(join(out_dir, 'admin'));
    t.after(() => admin_browser.close());
    const admin = admin_browser.pages()[0] ?? await admin_browser.newPage();
    admin.on('pageerror', (err) => errors.push(`admin: ${err}`));
    await admin.goto(`${base}/#/signin`);
    await admin.fill('#username', admin_user);
    await admin.fill('#password', admin_password);
    await admin.press('#password', 'Enter');
    await admin.locator('[data-testid=user-name]', { hasText: '(admin)' }).waitFor({ timeout: 10000 });
    await admin.goto(`${base}/#/admin`);
    const row = admin.locator(`[data-testid=admin-instrument][data-symbol="${symbol}"]`);
    await row.waitFor({ timeout: 10000 });
    await row.locator('[data-testid=halt-toggle]').click();
    await row.locator('[data-testid=instrument-state]', { hasText: 'halted' }).waitFor({ timeout: 10000 });
    const halted = await snap(admin.locator('[data-testid=admin-instruments]'), out_dir, 'admin-halted');
    assert.ok(count_colour(halted, colours.danger, 10) > 20, 'halted badge drawn');

    // The player's order on the halted instrument is refused with its code.
    await page.goto(`${base}/#/trade/${symbol}`);
    await page.locator('[data-testid=bid-level]').first().waitFor({ timeout: live_ms });
    await page.locator('[data-testid=bid-level]').last().click();
    await page.locator('[data-testid=preset-1]').click();
    await page.click('[data-testid=order-submit]');
    await page.locator('[data-testid=toast], [data-testid=order-error]', { hasText: '[INSTRUMENT_HALTED]' }).first().waitFor({ timeout: 10000 });

    await row.locator('[data-testid=halt-toggle]').click();
    await row.locator('[data-testid=instrument-state]', { hasText: 'trading' }).waitFor({ timeout: 10000 });

    await page.goto(`${base}/#/portfolio`);
    await page.locator('[data-testid=cash]', { hasText: /\d\.\d\d/ }).waitFor({ timeout: 10000 });
    const before = cents_in(await text_of(page, 'cash'));
    await admin.fill('#deposit-form-account', account_id);
    await admin.fill('#deposit-form-amount', '1,000.00');
    await admin.click('[data-testid=deposit-form] [type=submit]');
    await admin.locator('[data-testid=toast]', { hasText: 'Deposit booked' }).waitFor({ timeout: 10000 });
    await snap(admin, out_dir, 'admin');
    await page.waitForFunction((b) => document.querySelector('[data-testid=cash]').innerText !== b, money(before), { timeout: 15000 });
    assert.equal(cents_in(await text_of(page, 'cash')) - before, 100000, 'the deposit shows in the player\'s cash');
    await snap(page.locator('[data-testid=account-panel]'), out_dir, 'portfolio-deposit');
  });

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
