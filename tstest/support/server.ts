// Starts, restarts and stops the Go test server (tstest/server) and speaks its control API.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { inject } from 'vitest';

/** A JSON value as the wire carries it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Fixtures {
  session: Record<string, Json>;
  namespaces: NamespaceFixtures[];
}

export interface NamespaceFixtures {
  name: string;
  rooms: { template: string; name: string; joinEvent: string; leaveEvent: string; joinArgs: Json[] }[];
  serverEvents: {
    event: string;
    emitters: { method: string; params: Json[]; message?: string }[];
    samples: Json[] | null;
  }[];
  clientEvents: {
    event: string;
    method: string;
    samples: Json[] | null;
    payloadTimes: string[][] | null;
    ack: Json;
  }[];
}

export interface Received {
  seq: number;
  namespace: string;
  event: string;
  method: string;
  userId: number;
  payload: Json;
}

export interface SocketState {
  id: string;
  rooms: string[];
  userId: number;
}

/** One Go test server process. */
export class TestServer {
  private proc: ChildProcess | undefined;
  private stderr = '';

  private constructor(
    private addr: string,
    readonly url: string,
  ) {}

  /** Starts a server on a free loopback port. */
  static async start(): Promise<TestServer> {
    const server = new TestServer('127.0.0.1:0', '');
    const url = await server.spawn();
    return Object.assign(server, { url, addr: url.replace('http://', '') });
  }

  /** Kills the server (as a crash would: no goodbye to clients) and starts it again on the same port. */
  async restart(): Promise<void> {
    await this.kill('SIGKILL');
    // The port was just released; a new listener can race a lingering close on a slow machine.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.spawn();
        return;
      } catch (err) {
        if (attempt >= 20 || !String(err).includes('address already in use')) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Stops the server gracefully. */
  async stop(): Promise<void> {
    await this.kill('SIGTERM');
  }

  private spawn(): Promise<string> {
    const binary = inject('serverBinary');
    const repoRoot = inject('repoRoot');
    const proc = spawn(binary, ['-addr', this.addr, '-schema', join(repoRoot, 'schema', 'events.yaml')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    this.stderr = '';
    proc.stderr?.on('data', (b: Buffer) => (this.stderr += b.toString()));
    return new Promise((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout! });
      lines.once('line', (line) => {
        const m = /^listening (http:\/\/\S+)$/.exec(line);
        if (m?.[1]) resolve(m[1]);
        else reject(new Error(`test server said ${JSON.stringify(line)}`));
      });
      proc.once('exit', (code) => reject(new Error(`test server exited with ${code}: ${this.stderr}`)));
      proc.once('error', reject);
    });
  }

  private kill(signal: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const res = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  }

  async fixtures(): Promise<Fixtures> {
    return (await this.call('GET', '/control/fixtures')).json() as Promise<Fixtures>;
  }

  /** Calls a generated emitter, e.g. emit('/leaderboard', 'NotifyUserRankChange', [7], update). */
  async emit(namespace: string, method: string, params: Json[], payload: unknown, message?: string): Promise<void> {
    await this.call('POST', '/control/emit', { namespace, method, params, payload, message });
  }

  async received(): Promise<Received[]> {
    return (await this.call('GET', '/control/received')).json() as Promise<Received[]>;
  }

  async sockets(namespace: string): Promise<SocketState[]> {
    return (await this.call('GET', `/control/sockets?namespace=${encodeURIComponent(namespace)}`)).json() as Promise<
      SocketState[]
    >;
  }
}
