// Shared pieces of the browser scripts: building and starting the Go server on a free loopback
// port with a throwaway data directory, a TCP proxy that can cut a page's network, and launching
// Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest directory upwards with a go.mod. */
export function repoRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'go.mod'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('no go.mod above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const CHROMIUM = '/usr/bin/chromium';

/** Flags for Chromium as root on a closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Runs a command in the repo root, failing loudly. */
export function sh(root, cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/**
 * Builds the web front end and the server binary. The binary has one place in the repository's
 * (gitignored) .cache, so that the scripts after the first find it up to date instead of linking it
 * again.
 */
export function build(root, { web = true } = {}) {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  if (!existsSync(vite)) throw new Error('node_modules is missing: run `make deps` (npm ci) first');
  if (web) sh(root, vite, ['build', '--logLevel', 'warn', 'examples/salesfloor/web']);
  const bin = join(root, '.cache', 'salesfloor-e2e', 'salesfloor-server');
  sh(root, 'go', ['build', '-o', bin, './examples/salesfloor/server']);
  return bin;
}

/**
 * Starts the server binary on addr (default: 127.0.0.1 with a free port) with the given data
 * directory; `url` resolves once it prints its URL. stop() sends SIGTERM and waits for the process
 * to exit; kill() ends it at once with SIGKILL, as a crash would.
 */
export function startServer(root, bin, dataDir, { addr = '127.0.0.1:0', args = [] } = {}) {
  const argv = ['-addr', addr, '-data', dataDir, '-web', resolve(root, 'examples/salesfloor/web/dist'), ...args];
  const proc = spawn(bin, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => (log += d));
  const exited = new Promise((res) => proc.once('exit', (code, signal) => res({ code, signal })));
  let out = '';
  const url = new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('server did not print its URL within 30 s\n' + log)), 30_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code} before starting\n${log}`));
    });
  });
  const running = () => proc.exitCode === null && proc.signalCode === null;
  let killed = false;
  return {
    url,
    log: () => log,
    /** What the server printed so far: its URL, the demo logins, the admin password. */
    out: () => out,
    async stop() {
      if (running()) proc.kill('SIGTERM');
      const timeout = new Promise((res) => setTimeout(() => res(null), 15_000));
      const r = await Promise.race([exited, timeout]);
      if (r === null) {
        proc.kill('SIGKILL');
        throw new Error('server did not stop within 15 s of SIGTERM');
      }
      return r;
    },
    async kill() {
      killed = true;
      if (running()) proc.kill('SIGKILL');
      return exited;
    },
    /** Whether kill() was called: the server was killed on purpose. */
    killed: () => killed,
  };
}

/**
 * A TCP proxy on a free loopback port in front of a server URL, for a page whose network is to be
 * cut: cut() resets every connection through it and refuses new ones until restore(), as a dropped
 * Wi-Fi link would, with no word to either side (the server sees its connections end, the browser
 * its connections fail). Resolves once it listens; `url` is the address to open pages at.
 */
export async function startProxy(target) {
  const { hostname, port } = new URL(target);
  const open = new Set();
  let down = false;
  const server = createServer((client) => {
    if (down) return client.resetAndDestroy();
    const upstream = connect(Number(port), hostname);
    const pair = { client, upstream };
    open.add(pair);
    const end = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) s.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => {
    down = true;
    for (const { client, upstream } of open) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    open.clear();
  };
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut,
    restore: () => (down = false),
    close() {
      cut();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Counts the requests a page makes for an API path (e.g. /api/leaderboard), each with its time. */
export function countRequests(page, path) {
  const at = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === path) at.push(Date.now());
  });
  return { total: () => at.length, since: (t) => at.filter((x) => x >= t).length };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Launches Debian's Chromium headless; playwright gives every launch a fresh, empty profile (user data dir). */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install it with scripts/ensure-chromium.sh (Debian packages chromium, chromium-driver)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Collects uncaught page errors and console errors, with the page name. The browser's own line for
 * a 401 is expected (the app asks who is logged in before anyone is) and is not collected; nor,
 * once expectOutage() was called, are the lines of requests failing to reach a server that is down
 * or cut off.
 */
export function watchErrors(page, name, errors) {
  page.on('pageerror', (err) => errors.push(`${name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Failed to load resource: .* status of 401/.test(text)) return;
    if (outage && /ERR_CONNECTION_REFUSED|WebSocket connection to '.*\/socket\.io\/.*' failed|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|ERR_SOCKET_NOT_CONNECTED/.test(text)) return;
    errors.push(`${name}: console: ${text}`);
  });
}

let outage = false;

/** From now on, failures to reach the server are expected (it is being restarted, or a proxy cuts it off). */
export function expectOutage() {
  outage = true;
}

/**
 * Records the Socket.IO packets a page receives and sends, over WebSocket frames and long-polling
 * requests alike: events ({kind: 'event', nsp, event, payload, id?}), acknowledgements
 * ({kind: 'ack', nsp, id, payload}) and namespace connections ({kind: 'connect', nsp, payload},
 * the server's carrying the socket id as payload.sid), each with the time it was seen (Date.now());
 * and the times at which the connection moved from long-polling to WebSocket (upgrades).
 */
export function recordSocketIO(page) {
  const rec = { received: [], sent: [], upgrades: [] };
  const add = (data, into) => {
    if (typeof data !== 'string') return;
    for (const p of data.split('\x1e')) {
      const packet = decodePacket(p);
      if (packet) into.push({ ...packet, at: Date.now() });
    }
  };
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/socket.io/')) return;
    ws.on('framereceived', (f) => add(f.payload, rec.received));
    ws.on('framesent', (f) => {
      if (f.payload === '5') rec.upgrades.push(Date.now()); // Engine.IO's upgrade packet
      add(f.payload, rec.sent);
    });
  });
  page.on('requestfinished', async (req) => {
    if (!req.url().includes('/socket.io/') || !req.url().includes('transport=polling')) return;
    if (req.method() === 'POST') add(req.postData(), rec.sent);
    else add(await (await req.response())?.text().catch(() => ''), rec.received);
  });
  return rec;
}

/**
 * Decodes an Engine.IO message carrying a Socket.IO CONNECT (40…), EVENT (42…), ACK (43…) or
 * CONNECT_ERROR (44…); null for others.
 */
function decodePacket(p) {
  if (!['40', '42', '43', '44'].some((t) => p.startsWith(t))) return null;
  let rest = p.slice(2);
  let nsp = '/';
  if (rest.startsWith('/')) {
    const comma = rest.indexOf(',');
    nsp = rest.slice(0, comma);
    rest = rest.slice(comma + 1);
  }
  if (p[1] === '0') return { kind: 'connect', nsp, payload: rest ? JSON.parse(rest) : undefined };
  if (p[1] === '4') return { kind: 'connect_error', nsp, payload: JSON.parse(rest) };
  const digits = rest.match(/^\d*/)[0];
  rest = rest.slice(digits.length);
  const id = digits === '' ? undefined : Number(digits);
  const args = JSON.parse(rest);
  if (p[1] === '3') return { kind: 'ack', nsp, id, payload: args[0] };
  return { kind: 'event', nsp, id, event: args[0], payload: args[1] };
}

/**
 * Whether the server acknowledged a join the page asked for (e.g. join:user on /leaderboard) with
 * {ok: true}, since a time.
 */
export function joined(rec, nsp, event, since = 0) {
  return rec.sent.some(
    (s) => s.kind === 'event' && s.nsp === nsp && s.event === event && s.at >= since &&
      rec.received.some((r) => r.kind === 'ack' && r.nsp === nsp && r.id === s.id && r.payload?.ok === true),
  );
}

/** The password of every demo login. */
export const DEMO_PASSWORD = 'salesfloor';

/** A browser context signed in as a demo user (the session cookie is the context's). */
export async function signedIn(browser, url, email, viewport = { width: 1440, height: 960 }) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const res = await ctx.request.post(`${url}/api/login`, { data: { email, password: DEMO_PASSWORD } });
  assert(res.ok(), `login ${email}: ${res.status()} ${await res.text()}`);
  return { ctx, user: (await res.json()).user };
}

/**
 * Named checks run in order: check(name, fn) prints "ok" or "FAIL" with the time taken and records
 * the result; a failure is rethrown, ending the run.
 */
export function checks() {
  const results = [];
  async function check(name, fn) {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`ok    ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      results.push({ name, ok: false });
      console.log(`FAIL  ${name}\n      ${String(err.message).split('\n').join('\n      ')}`);
      throw err;
    }
  }
  return { results, check };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Calls the app's JSON API at url with a browser context's cookies; fails on an error status. */
export async function api(ctx, method, url, data) {
  const res = await ctx.request.fetch(url, { method, data });
  const body = await res.text();
  assert(res.ok(), `${method} ${url}: ${res.status()} ${body}`);
  return body ? JSON.parse(body) : undefined;
}

/** Resolves when cond() holds, checking every 10 ms; fails with what after timeout. */
export async function until(what, cond, timeout = 5000) {
  const end = Date.now() + timeout;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Reports a run that failed: the error unless a check did, the last log lines of the server (or of
 * each of servers, by their name), the page errors.
 */
export function reportFailure(err, { results, server, servers = server ? [server] : [], pageErrors }) {
  if (!results.some((r) => !r.ok)) console.log(`FAIL  ${err.message}`);
  for (const s of servers) {
    console.log(`--- ${s.name ?? 'server'} log (tail) ---\n` + s.log().split('\n').slice(-30).join('\n'));
  }
  if (pageErrors.length) console.log('--- page errors ---\n' + pageErrors.join('\n'));
}

/**
 * Ends a run: closes the browser, stops the server or servers (one that failed to stop cleanly
 * fails the run; one killed on purpose with kill() is fine), runs cleanup (what else the run
 * started), removes the temporary directory, prints the summary and exits.
 */
export async function finish({ results, server, servers = server ? [server] : [], browser, cleanup, tmp, exitCode }) {
  await browser?.close().catch(() => {});
  for (const s of servers) {
    const r = await s.stop().catch((e) => (console.log(e.message), null));
    if (r && r.code !== 0 && !(r.signal === 'SIGKILL' && s.killed())) {
      console.log(`${s.name ?? 'server'} exited with ${r.code ?? r.signal} after SIGTERM`);
      exitCode = 1;
    }
  }
  await cleanup?.();
  tmp.cleanup();
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(exitCode);
}
