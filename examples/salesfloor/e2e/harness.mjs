// Shared pieces of the browser scripts: building and starting the Go server on a free loopback
// port with a throwaway data directory, and launching Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Builds the web front end and the server binary into tmp. */
export function build(root, tmp, { web = true } = {}) {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  if (!existsSync(vite)) throw new Error('node_modules is missing: run `make deps` (npm ci) first');
  if (web) sh(root, vite, ['build', '--logLevel', 'warn', 'examples/salesfloor/web']);
  const bin = join(tmp, 'salesfloor-server');
  sh(root, 'go', ['build', '-o', bin, './examples/salesfloor/server']);
  return bin;
}

/**
 * Starts the server binary on 127.0.0.1 with a free port and the given data directory; resolves
 * once it prints its URL. stop() sends SIGTERM and waits for the process to exit.
 */
export function startServer(root, bin, dataDir, extraArgs = []) {
  const args = ['-addr', '127.0.0.1:0', '-data', dataDir, '-web', resolve(root, 'examples/salesfloor/web/dist'), ...extraArgs];
  const proc = spawn(bin, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => (log += d));
  const exited = new Promise((res) => proc.once('exit', (code, signal) => res({ code, signal })));
  const url = new Promise((res, rej) => {
    let out = '';
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
  return {
    url,
    log: () => log,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timeout = new Promise((res) => setTimeout(() => res(null), 15_000));
      const r = await Promise.race([exited, timeout]);
      if (r === null) {
        proc.kill('SIGKILL');
        throw new Error('server did not stop within 15 s of SIGTERM');
      }
      return r;
    },
  };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Launches Debian's Chromium headless; playwright gives every launch a fresh temporary profile. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install it with scripts/ensure-chromium.sh (Debian packages chromium, chromium-driver)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Collects uncaught page errors and console errors, with the page name. The browser's own line for
 * a 401 is expected (the app asks who is logged in before anyone is) and is not collected.
 */
export function watchErrors(page, name, errors) {
  page.on('pageerror', (err) => errors.push(`${name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/Failed to load resource: .* status of 401/.test(msg.text())) return;
    errors.push(`${name}: console: ${msg.text()}`);
  });
}
