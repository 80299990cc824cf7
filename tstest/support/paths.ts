import { fileURLToPath } from 'node:url';

/** The repository root: the Go server builds and runs from there. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
