#!/usr/bin/env node
// The sales floor as a cluster, in Debian's Chromium: two Go servers on one database and one Redis
// (a redis-server this script starts on a free port, so that it can kill and restart it):
//
//   node examples/salesfloor/e2e/cluster.mjs [--no-build]
//
//   across    the TV display is open on server n1; a sale recorded through server n2's API shows
//             on it within a second
//   outage    Redis is killed: a sale recorded through n1 still shows at once (local delivery),
//             and both servers' /metrics say Redis is down; Redis restarts empty: a sale recorded
//             through n2 shows again, within seconds, and /metrics counts one outage, healthy
//             again, with the failed Redis commands and an empty publish queue
//
// Exits non-zero, naming the check, when anything fails, including an error in the page.
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import {
  api, assert, build, checks, finish, joined, launchChromium, recordSocketIO, repoRoot, reportFailure, signedIn, startServer, tempDir, until,
  watchErrors,
} from './harness.mjs';

const root = repoRoot();
const noBuild = process.argv.includes('--no-build');
const LIVE_WITHIN_MS = 1000;
/** Cross-node delivery resumes within this long of Redis coming back (reconnect backoff ≤ 1 s). */
const RESUMED_WITHIN_MS = 5000;

const { results, check } = checks();
const figures = [];

/** The samples of server's /metrics, by series as the text format writes them. */
async function metrics(server) {
  const text = await (await fetch(server.base + '/metrics')).text();
  const samples = {};
  for (const line of text.split('\n')) {
    const i = line.lastIndexOf(' ');
    if (line && !line.startsWith('#') && i > 0) samples[line.slice(0, i)] = Number(line.slice(i + 1));
  }
  return samples;
}

/** Waits until the /metrics of every server satisfy cond, at most timeout ms. */
async function metricsShow(servers, what, cond, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const all = await Promise.all(servers.map(metrics));
    if (all.every(cond)) return;
    if (Date.now() > end) {
      const cluster = (m) => Object.entries(m).filter(([k]) => k.startsWith('socketio_cluster_') && !k.includes('messages')).map(([k, v]) => `${k} ${v}`).join(', ');
      throw new Error(`/metrics never showed ${what}: ` + servers.map((s, i) => `${s.name}: ${cluster(all[i])}`).join('; '));
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A free loopback port. */
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Starts redis-server on port, keeping nothing on disk; resolves once it accepts connections. */
async function startRedis(port, dir) {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const exited = new Promise((res) => proc.once('exit', res));
  const accepts = () =>
    new Promise((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => (sock.destroy(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
  for (let i = 0; !(await accepts()); i++) {
    if (i === 500) throw new Error(`redis-server did not accept connections on port ${port}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return { kill: () => (proc.kill('SIGKILL'), exited) };
}

const tmp = tempDir('salesfloor-cluster-e2e-');
const dataDir = join(tmp.dir, 'data');
const servers = [];
let redis;
let browser;
const pageErrors = [];
let exitCode = 0;
try {
  const bin = build(root, { web: !noBuild });
  const redisPort = await freePort();
  redis = await startRedis(redisPort, tmp.dir);
  const cluster = ['-sim=false', '-redis', `redis://127.0.0.1:${redisPort}`];
  for (const name of ['n1', 'n2']) {
    const s = startServer(root, bin, dataDir, { args: [...cluster, '-node', name] });
    s.name = name;
    s.base = await s.url; // n1 seeds the database before n2 starts
    servers.push(s);
  }
  const [n1, n2] = servers;
  console.log(`n1 at ${n1.base}, n2 at ${n2.base}, Redis at 127.0.0.1:${redisPort}`);
  browser = await launchChromium();

  // Cookies belong to a host, whatever its port: a login on one server is valid on the other, as
  // behind a load balancer.
  const tv = await signedIn(browser, n1.base, 'tv@salesfloor.test', { width: 1920, height: 1080 });
  const maya = await signedIn(browser, n1.base, 'maya@salesfloor.test');
  const manager = await signedIn(browser, n1.base, 'grace@salesfloor.test');

  const page = await tv.ctx.newPage();
  watchErrors(page, 'tv', pageErrors);
  const wire = recordSocketIO(page);
  await page.goto(`${n1.base}/tv`);
  await page.locator('.tv .conn[data-state="connected"]').waitFor();
  await until('the tv-display room', () => joined(wire, '/leaderboard', 'join:tv-display'));

  /** Records a sale through server that moves the seller at rank `from` up; resolves with how long the TV on n1 took to show the seller's new rank. */
  async function saleShows(server, from) {
    const board = await api(maya.ctx, 'GET', n1.base + '/api/leaderboard');
    const seller = board.rows[from - 1];
    const amount = Math.ceil(board.rows[from - 3].value - seller.value + 1000);
    const t0 = Date.now();
    const out = await api(manager.ctx, 'POST', server.base + '/api/sales', { userId: seller.userId, amount, customer: 'Initech', product: 'Enterprise Suite' });
    assert(out.newRank < from, `the sale should move the seller up from #${from}, left #${out.newRank}`);
    await page.waitForSelector(`.tv-row[data-user="${seller.userId}"][data-rank="${out.newRank}"]`, { timeout: 15_000 });
    return Date.now() - t0;
  }

  await check(`across: a sale recorded through n2 shows on the TV display of n1 within ${LIVE_WITHIN_MS} ms`, async () => {
    const ms = await saleShows(n2, 8);
    figures.push(`sale through n2 → TV display on n1: ${ms} ms`);
    assert(ms <= LIVE_WITHIN_MS, `shown after ${ms} ms`);
  });

  await check('outage: with Redis killed, a sale recorded through n1 still shows on its TV display at once', async () => {
    await redis.kill();
    const ms = await saleShows(n1, 8);
    figures.push(`Redis down, sale through n1 → TV display on n1: ${ms} ms`);
    assert(ms <= LIVE_WITHIN_MS, `shown after ${ms} ms`);
    assert(await page.locator('.tv .conn[data-state="connected"]').count() === 1, 'the TV display lost its connection');
    await metricsShow(servers, 'socketio_cluster_healthy 0', (m) => m.socketio_cluster_healthy === 0);
  });

  await check(`outage: Redis restarted empty, a sale recorded through n2 shows on n1 within ${RESUMED_WITHIN_MS} ms of the restart`, async () => {
    redis = await startRedis(redisPort, tmp.dir);
    const back = Date.now();
    await saleShows(n2, 8);
    const ms = Date.now() - back;
    figures.push(`Redis restarted → a sale through n2 shown on n1: ${ms} ms`);
    assert(ms <= RESUMED_WITHIN_MS, `shown ${ms} ms after the restart`);
    // And from then on, as before.
    const again = await saleShows(n2, 8);
    figures.push(`then, sale through n2 → TV display on n1: ${again} ms`);
    for (const s of servers) {
      assert(/Redis unreachable/.test(s.log()) && /Redis reachable again/.test(s.log()), `${s.name} did not log the outage:\n${s.log().slice(-2000)}`);
    }
    await metricsShow(servers, 'one outage, healthy again, failed commands counted, nothing queued', (m) =>
      m.socketio_cluster_outages_total === 1 && m.socketio_cluster_healthy === 1 &&
      m['socketio_cluster_errors_total{operation="read"}'] > 0 && m.socketio_cluster_publish_queue === 0);
  });

  await check('no errors in the page', async () => {
    assert(pageErrors.length === 0, 'errors in the page:\n' + pageErrors.join('\n'));
  });
  console.log('\n' + figures.map((f) => '  ' + f).join('\n'));
} catch (err) {
  exitCode = 1;
  reportFailure(err, { results, servers, pageErrors });
}
await finish({ results, servers, browser, cleanup: () => redis?.kill(), tmp, exitCode });
