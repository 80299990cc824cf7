#!/usr/bin/env node
// A TV display running a stale bundle reloads itself, in Debian's Chromium through playwright-core:
//
//   node examples/salesfloor/e2e/stale.mjs [--no-build]
//
//   refused   the TV page connects to /leaderboard presenting an older contract, one whose
//             RankingUpdate has a required field the server's no longer sends (the browser's
//             CONNECT is rewritten on its way, as last month's bundle would have sent it); the
//             server refuses it with code schema_mismatch
//   reload    the page reloads itself (the hook's onStale), gets the current bundle, connects
//             and joins the tv-display room, and forgets the reload
//
// --no-build skips the front-end build (`make e2e` builds it first).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assert, build, checks, finish, joined, launchChromium, recordSocketIO, repoRoot, reportFailure, signedIn, startServer, tempDir, until, watchErrors,
} from './harness.mjs';

const root = repoRoot();
const noBuild = process.argv.includes('--no-build');
/** The page's first reload after a refusal waits 5 to 7.5 s (util/stale.ts). */
const RELOAD_WITHIN_MS = 12_000;

/**
 * An older contract of /leaderboard: the current one (from the generated client's descriptor) with
 * a required field `region` in RankingUpdate, which the server never sends.
 */
function olderContract() {
  const source = readFileSync(join(root, 'generated/ts/leaderboard.ts'), 'utf8');
  const current = JSON.parse(source.match(/contract: \{\s*fingerprint: '[0-9a-f]+',\s*text: '([^']*)',/)[1]);
  current.types.find((t) => t.name === 'RankingUpdate').fields.push({ name: 'region', type: 'string' });
  return JSON.stringify(current);
}

/**
 * Rewrites a long-polling request body's CONNECT to /leaderboard so that it presents the older
 * contract, as last month's bundle would (with its text, as after the server's contract_required).
 */
function presentOlderContract(body) {
  return body
    .split('\x1e')
    .map((p) => {
      if (!p.startsWith('40/leaderboard,')) return p;
      const auth = JSON.parse(p.slice('40/leaderboard,'.length));
      auth.rtgen = { fingerprint: 'last-month', contract: olderContract() };
      return '40/leaderboard,' + JSON.stringify(auth);
    })
    .join('\x1e');
}

const { results, check } = checks();
const tmp = tempDir('salesfloor-stale-e2e-');
let server;
let browser;
const pageErrors = [];
let exitCode = 0;
try {
  const bin = build(root, { web: !noBuild });
  server = startServer(root, bin, join(tmp.dir, 'data'), { args: ['-sim=false'] });
  const url = await server.url;
  console.log(`server at ${url}`);
  browser = await launchChromium();
  const tv = await signedIn(browser, url, 'tv@salesfloor.test');
  const page = await tv.ctx.newPage();
  const wire = recordSocketIO(page);
  watchErrors(page, 'tv', pageErrors);
  let loads = 0;
  page.on('load', () => loads++);
  // The refusal comes back over polling or, once the transport upgraded, over the WebSocket.
  const refusal = () => wire.received.find((p) => p.kind === 'connect_error' && p.nsp === '/leaderboard')?.payload;
  const polling = /\/socket\.io\/\?.*transport=polling/;
  // Only the first page load's CONNECT presents the older contract: the reloaded page is the new
  // bundle, however late the test sees the refusal.
  let presented = false;
  const rewrite = (route) => {
    const req = route.request();
    const body = req.postData() ?? '';
    if (req.method() !== 'POST' || presented || !body.includes('40/leaderboard,')) return route.continue();
    presented = true;
    return route.continue({ postData: presentOlderContract(body) });
  };

  await check('refused: an older contract gets schema_mismatch', async () => {
    await page.route(polling, rewrite);
    await page.goto(url + '/tv');
    await until('the server refusing the CONNECT', () => refusal() !== undefined, 10_000);
    const refused = refusal();
    assert(refused.data?.code === 'schema_mismatch', `refused with ${JSON.stringify(refused)}`);
    const changes = refused.data.details?.changes ?? [];
    assert(changes.some((c) => c.startsWith('RankingUpdate.region: required field removed')), `changes: ${JSON.stringify(changes)}`);
  });

  await check('reload: the TV reloads itself, then connects and joins tv-display', async () => {
    const refusedAt = Date.now();
    await until('the page reloading itself', () => loads >= 2, RELOAD_WITHIN_MS);
    console.log(`      reloaded ${Date.now() - refusedAt} ms after the refusal`);
    await until('the reloaded page joining tv-display', () => joined(wire, '/leaderboard', 'join:tv-display', refusedAt), 10_000);
    await page.waitForFunction(() => sessionStorage.getItem('salesfloor:stale-reloads') === null, null, { timeout: 5000 });
  });
  assert(pageErrors.length === 0, 'page errors:\n' + pageErrors.join('\n'));
} catch (err) {
  exitCode = 1;
  reportFailure(err, { results, server, pageErrors });
}
await finish({ results, server, browser, tmp, exitCode });
