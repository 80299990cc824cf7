#!/usr/bin/env node
// The official Socket.IO Admin UI (the files of the npm package @socket.io/admin-ui, served by the
// sales floor at /admin/) against the Go server, in Debian's Chromium through playwright-core:
//
//   node examples/salesfloor/e2e/admin.mjs [--no-build] [--docs]
//
//   login     a wrong password is refused on the UI's login form; the password the server printed
//             at start logs in
//   sockets   the UI lists the sockets of two signed-in pages (a rep's leaderboard and the TV
//             display) with the rooms the pages joined, and their signed-in user
//   live      joining a room from the UI puts the socket in it on the server (its metrics count
//             the join); a sale shows up in the UI's event log
//
// Screenshots go to e2e/screenshots/ (not committed); --docs also writes docs/admin-ui.png, the
// README's picture. --no-build skips the front-end build (`make e2e` builds it first).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  assert, build, checks, finish, joined, launchChromium, recordSocketIO, repoRoot, reportFailure, signedIn, startServer, tempDir, until, watchErrors,
} from './harness.mjs';

const root = repoRoot();
const outDir = join(root, 'examples/salesfloor/e2e/screenshots');
const noBuild = process.argv.includes('--no-build');
const docs = process.argv.includes('--docs');

const { results, check } = checks();
const tmp = tempDir('salesfloor-admin-e2e-');
let server;
let browser;
const pageErrors = [];
let exitCode = 0;
try {
  const bin = build(root, { web: !noBuild });
  server = startServer(root, bin, join(tmp.dir, 'data'), { args: ['-sim=false'] });
  const url = await server.url;
  const printed = /Admin UI: .* user admin, password (\S+)\)/;
  await until('the admin password in the banner', () => printed.test(server.out()));
  const password = server.out().match(printed)[1];
  console.log(`server at ${url}`);
  mkdirSync(outDir, { recursive: true });
  browser = await launchChromium();

  // Two signed-in pages whose sockets the UI will show: Maya's leaderboard and the TV display.
  const maya = await signedIn(browser, url, 'maya@salesfloor.test');
  const tv = await signedIn(browser, url, 'tv@salesfloor.test');
  const mayaPage = await maya.ctx.newPage();
  const mayaWire = recordSocketIO(mayaPage);
  watchErrors(mayaPage, 'maya', pageErrors);
  const tvPage = await tv.ctx.newPage();
  const tvWire = recordSocketIO(tvPage);
  watchErrors(tvPage, 'tv', pageErrors);
  await mayaPage.goto(url + '/');
  await tvPage.goto(url + '/tv');
  const sid = (wire, nsp) => wire.received.find((p) => p.kind === 'connect' && p.nsp === nsp)?.payload?.sid;
  await until('the pages joining their rooms', () => joined(mayaWire, '/leaderboard', 'join:user') && joined(tvWire, '/leaderboard', 'join:tv-display'), 10_000);
  await until('the socket ids of the pages', () => sid(mayaWire, '/leaderboard') && sid(tvWire, '/leaderboard'));
  const mayaSid = sid(mayaWire, '/leaderboard');
  const tvSid = sid(tvWire, '/leaderboard');

  // The Admin UI, offline: the fonts and icons it links from CDNs are not fetched.
  const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en-US' });
  await adminCtx.route((u) => !u.href.startsWith(url), (route) => route.abort());
  const admin = await adminCtx.newPage();
  admin.on('pageerror', (err) => pageErrors.push(`admin: ${err.message}`));
  admin.on('console', (msg) => {
    // The blocked CDN stylesheets are the only resources expected to fail.
    if (msg.type() === 'error' && !/Failed to load resource: net::ERR_FAILED/.test(msg.text())) pageErrors.push(`admin: console: ${msg.text()}`);
  });

  const login = async (pw) => {
    const form = admin.locator('form').filter({ has: admin.getByLabel('Server URL') });
    await form.getByLabel('Server URL').fill(url);
    await form.getByLabel('Username').fill('admin');
    await form.getByLabel('Password').fill(pw);
    await form.getByRole('button', { name: 'Connect' }).click();
    return form;
  };

  await check('a wrong admin password is refused on the login form', async () => {
    await admin.goto(url + '/admin/');
    const form = await login('not-the-password');
    await form.getByText('Invalid credentials').waitFor({ timeout: 5000 });
    await admin.screenshot({ path: join(outDir, 'admin-refused.png') });
  });

  await check('the password printed at start logs in', async () => {
    const form = await login(password);
    await form.waitFor({ state: 'hidden', timeout: 5000 });
    await admin.locator('.v-chip:visible', { hasText: /^\s*connected\s*$/i }).waitFor({ timeout: 5000 });
    // The dashboard's namespaces come from the server's statistics.
    const leaderboard = admin.locator('tr', { has: admin.getByText('/leaderboard', { exact: true }) });
    await leaderboard.getByRole('cell', { name: '2', exact: true }).waitFor({ timeout: 5000 });
  });

  // The socket page's card of rooms.
  const roomsCard = admin.locator('.v-card').filter({ has: admin.getByText('Rooms', { exact: true }) }).last();
  await check("the sockets of the signed-in pages are listed, with their rooms and user", async () => {
    await admin.goto(url + '/admin/#/sockets/');
    await admin.locator('.selector').click();
    await admin.getByRole('option', { name: '/leaderboard' }).click();
    for (const id of [mayaSid, tvSid]) await admin.getByRole('cell', { name: id, exact: true }).waitFor({ timeout: 5000 });
    await shoot(admin, 'admin-sockets.png');

    for (const [id, room] of [[tvSid, 'tv-display'], [mayaSid, `user:${maya.user.id}`]]) {
      await admin.goto(url + '/admin/#/sockets/');
      await admin.getByRole('cell', { name: id, exact: true }).click();
      for (const r of [id, room]) await roomsCard.getByRole('cell', { name: r, exact: true }).waitFor({ timeout: 5000 });
    }
    await admin.getByText('"userName": "Maya Chen"').waitFor({ timeout: 5000 });
  });

  await check('joining a room from the UI puts the socket in it on the server', async () => {
    // Rooms the schema does not name count as "(other)": the UI's join, and the room of each
    // socket's session token (which logging out empties).
    const otherJoins = async () => {
      const m = (await (await fetch(url + '/metrics')).text()).match(/^socketio_room_joins_total\{namespace="\/leaderboard",room="\(other\)"\} (\d+)$/m);
      return m ? Number(m[1]) : 0;
    };
    const before = await otherJoins();
    await roomsCard.getByLabel('Join a room').fill('vip-lounge');
    await roomsCard.locator('button[type="submit"]').click();
    await roomsCard.getByRole('cell', { name: 'vip-lounge', exact: true }).waitFor({ timeout: 5000 });
    await shoot(admin, 'admin-socket.png');
    if (docs) copyFileSync(join(outDir, 'admin-socket.png'), join(root, 'docs/admin-ui.png'));
    // The UI shows what the server reported back; the server's own metrics count the join.
    const after = await otherJoins();
    assert(after === before + 1, `the server counted ${after - before} joins of an unnamed room, want 1`);
    await admin.goto(url + '/admin/#/rooms/');
    for (const room of ['tv-display', `user:${maya.user.id}`, 'vip-lounge']) await admin.getByRole('cell', { name: room, exact: true }).waitFor({ timeout: 5000 });
    await shoot(admin, 'admin-rooms.png');
  });

  await check('a sale shows up in the event log', async () => {
    await admin.goto(url + '/admin/#/events/');
    const res = await maya.ctx.request.post(`${url}/api/sales`, { data: { amount: 1200, customer: 'Globex', product: 'Starter' } });
    assert(res.ok(), `sale: ${res.status()}`);
    await admin.getByText('rankings:update').first().waitFor({ timeout: 5000 });
    await shoot(admin, 'admin-events.png');
  });

  await check('no errors in the pages', async () => {
    assert(pageErrors.length === 0, 'errors in the pages:\n' + pageErrors.join('\n'));
  });
} catch (err) {
  exitCode = 1;
  reportFailure(err, { results, server, pageErrors });
} finally {
  await finish({ results, server, browser, tmp, exitCode });
}

/** A screenshot of the top of the page once the UI's transitions are over. */
async function shoot(page, file) {
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5000 }).catch(() => {});
  await page.screenshot({ path: join(outDir, file) });
}
