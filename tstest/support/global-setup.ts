// Builds the Go test server once per run; tests start it with startServer().
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { repoRoot } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    serverBinary: string;
    repoRoot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'rtgen-tstest-'));
  const binary = join(dir, 'server');
  try {
    await promisify(execFile)('go', ['build', '-o', binary, './tstest/server'], { cwd: repoRoot });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`building the Go test server (go build ./tstest/server) failed:\n${e.stderr ?? e.message}`);
  }
  project.provide('serverBinary', binary);
  project.provide('repoRoot', repoRoot);
  return () => rm(dir, { recursive: true, force: true });
}
