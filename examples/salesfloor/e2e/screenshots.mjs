#!/usr/bin/env node
// Builds the sales floor, starts it on a free loopback port with a temporary database, drives it
// in Debian's Chromium and saves screenshots of every page to e2e/screenshots/ (not committed):
//
//   node examples/salesfloor/e2e/screenshots.mjs [--no-build]
//
// Along the way it checks what a person would: logging in works, a sale recorded through the HTTP
// API reaches the leaderboard and the TV display without a reload, a quiz shows XP, a roleplay
// message gets the coach's reply, and Susan answers. It exits non-zero on any failure or page error.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, launchChromium, repoRoot, startServer, tempDir, watchErrors } from './harness.mjs';

const root = repoRoot();
const outDir = join(root, 'examples/salesfloor/e2e/screenshots');
const noBuild = process.argv.includes('--no-build');

const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}: ${err.message}`);
    throw err;
  }
}

const tmp = tempDir('salesfloor-e2e-');
let server;
let browser;
const pageErrors = [];
let exitCode = 0;
try {
  const bin = build(root, tmp.dir, { web: !noBuild });
  server = startServer(root, bin, join(tmp.dir, 'data'), ['-sim=false', '-typing-delay', '400ms']);
  const url = await server.url;
  console.log(`server at ${url}`);
  mkdirSync(outDir, { recursive: true });
  browser = await launchChromium();

  const rep = await browser.newContext({ viewport: { width: 1440, height: 960 }, deviceScaleFactor: 1 });
  const page = await rep.newPage();
  watchErrors(page, 'rep', pageErrors);

  await step('login page lists the demo accounts', async () => {
    await page.goto(url + '/');
    await page.locator('.demo-user').first().waitFor();
    await page.screenshot({ path: join(outDir, 'login.png') });
  });

  await step('a demo login opens the leaderboard with your row highlighted', async () => {
    await page.click('button[data-email="maya@salesfloor.test"]');
    await page.locator('.lb-row.me').waitFor();
  });

  let meRank = 0;
  await step('a sale recorded through the HTTP API reaches the open leaderboard', async () => {
    const board = await (await page.request.get(url + '/api/leaderboard')).json();
    const me = board.rows.find((r) => r.userName === 'Maya Chen');
    meRank = me.rank;
    const amount = Math.ceil(board.rows[0].value - me.value + 4200);
    const res = await page.request.post(url + '/api/sales', { data: { amount, customer: 'Globex Corporation', product: 'Enterprise Suite' } });
    if (res.status() !== 201) throw new Error(`POST /api/sales: ${res.status()} ${await res.text()}`);
    const out = await res.json();
    if (out.newRank !== 1) throw new Error(`expected the sale to take #1, got #${out.newRank}`);
    // No reload: the page picks the change up by itself (live, or its fallback polling).
    await page.locator('.lb-row.me[data-rank="1"]').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(900); // let the rank animation settle
    await page.screenshot({ path: join(outDir, 'leaderboard.png'), fullPage: true });
  });

  const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  const tvPage = await tv.newPage();
  watchErrors(tvPage, 'tv', pageErrors);
  await step('the TV display shows the board in large type', async () => {
    const res = await tvPage.request.post(url + '/api/login', { data: { email: 'tv@salesfloor.test', password: 'salesfloor' } });
    if (!res.ok()) throw new Error(`TV login: ${res.status()}`);
    await tvPage.goto(url + '/tv');
    await tvPage.locator('.tv-row[data-rank="1"]').waitFor();
    const leader = await tvPage.locator('.tv-row[data-rank="1"] .tv-name strong').textContent();
    if (leader !== 'Maya Chen') throw new Error(`TV leader is ${leader}`);
  });

  await step('the TV display picks up a sale and the rank change without a reload', async () => {
    // Reps record only their own sales.
    const board = await (await tvPage.request.get(url + '/api/leaderboard')).json();
    const fifth = board.rows[4];
    const refused = await page.request.post(url + '/api/sales', { data: { userId: fifth.userId, amount: 1000, customer: 'Initech', product: 'Team Plan' } });
    if (refused.status() !== 403) throw new Error(`a rep recording for someone else: ${refused.status()}`);
    // A manager records a deal for the rep in fifth place, big enough to reach third.
    const manager = await browser.newContext();
    await manager.request.post(url + '/api/login', { data: { email: 'grace@salesfloor.test', password: 'salesfloor' } });
    const amount = Math.ceil(board.rows[2].value - fifth.value + 2500);
    const res = await manager.request.post(url + '/api/sales', { data: { userId: fifth.userId, amount, customer: 'Initech', product: 'Enterprise Suite' } });
    if (res.status() !== 201) throw new Error(`manager's sale: ${res.status()} ${await res.text()}`);
    await manager.close();
    await tvPage.locator(`.tv-row[data-user="${fifth.userId}"][data-rank="3"]`).waitFor({ timeout: 20_000 });
    await tvPage.locator('.tv-deals li.fresh', { hasText: 'Initech' }).waitFor({ timeout: 20_000 });
    await tvPage.waitForTimeout(1200); // mid-way through the highlight, after the rows have moved
    await tvPage.screenshot({ path: join(outDir, 'tv.png') });
  });

  await step('training: a quiz shows the XP gained', async () => {
    await page.goto(url + '/training');
    await page.locator('.level-card').waitFor();
    await page.click('button[data-quiz="objections-101"]');
    const quiz = page.locator('.quiz');
    await quiz.locator('.quiz-prompt').waitFor();
    const right = [1, 1, 1, 2, 1];
    for (let i = 0; i < right.length; i++) {
      await quiz.locator('.quiz-option').nth(right[i]).click();
      await quiz.locator(i === right.length - 1 ? 'text=Submit answers' : 'text=Next').click();
    }
    await quiz.locator('.quiz-result[data-score="100"]').waitFor();
    const xp = await quiz.locator('[data-xp-gain]').getAttribute('data-xp-gain');
    if (Number(xp) <= 0) throw new Error(`XP gained: ${xp}`);
  });

  await step('training: a roleplay message shows the typing indicator, then the reply', async () => {
    await page.click('button[data-scenario="price-pushback"]');
    await page.locator('.roleplay .msg[data-speaker="buyer"]').first().waitFor();
    await page.fill('.roleplay .chat-input input', "That's a fair concern. Can I ask what the $30K option includes? Our customers see payback in about 5 months.");
    await page.click('.roleplay .chat-input button[type="submit"]');
    await page.locator('.roleplay .typing').waitFor({ timeout: 5_000 });
    await page.locator('.roleplay .msg[data-speaker="buyer"]').nth(1).waitFor({ timeout: 10_000 });
    await page.locator('.roleplay .assessment .score').first().waitFor();
    await page.screenshot({ path: join(outDir, 'training.png'), fullPage: true });
  });

  await step('field chat: Susan answers with your numbers', async () => {
    await page.goto(url + '/field');
    await page.locator('.field-empty, .msg').first().waitFor();
    await page.fill('.field-chat .chat-input input', 'How am I doing on the leaderboard?');
    await page.click('.field-chat .chat-input button[type="submit"]');
    await page.locator('.msg[data-author="susan"]', { hasText: '#1 of' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(outDir, 'field.png'), fullPage: true });
  });

  await step('the leaderboard works on a phone-sized screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    watchErrors(p, 'phone', pageErrors);
    await p.request.post(url + '/api/login', { data: { email: 'jordan@salesfloor.test', password: 'salesfloor' } });
    await p.goto(url + '/');
    await p.locator('.lb-row.me').waitFor();
    await p.screenshot({ path: join(outDir, 'leaderboard-mobile.png') });
    await phone.close();
  });

  if (pageErrors.length > 0) throw new Error('errors in the pages:\n  ' + pageErrors.join('\n  '));
  console.log(`(seeded rank of the demo login before the sale: #${meRank})`);
  console.log(`screenshots in ${outDir}`);
} catch (err) {
  exitCode = 1;
  console.error(err.message);
  if (server) console.error('--- server log (tail) ---\n' + server.log().split('\n').slice(-30).join('\n'));
} finally {
  await browser?.close().catch(() => {});
  if (server) {
    const r = await server.stop().catch((e) => (console.error(e.message), null));
    if (r && r.code !== 0) {
      console.error(`server exited with ${r.code ?? r.signal} after SIGTERM`);
      exitCode = 1;
    }
  }
  tmp.cleanup();
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(exitCode);
}
