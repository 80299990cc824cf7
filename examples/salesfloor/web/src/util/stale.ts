// A wall screen runs one bundle for weeks. When the server refuses that bundle's contract (the
// schema changed in a way it breaks: code schema_mismatch), the screen reloads itself to get the
// current one. Reloads in a row wait longer each time, with jitter, so that a server running
// behind its bundles (deployed after them, or rolled back) is not hit by every screen at once.

const KEY = 'salesfloor:stale-reloads';
/** The wait before the first, second, third and every later reload in a row. */
const DELAYS_MS = [5_000, 30_000, 120_000, 300_000];

/** Reloads the page after the wait its number of reloads in a row calls for. */
export function reloadWhenStale(): void {
  const n = Number(sessionStorage.getItem(KEY) ?? 0);
  sessionStorage.setItem(KEY, String(n + 1));
  const delay = DELAYS_MS[Math.min(n, DELAYS_MS.length - 1)] ?? 0;
  setTimeout(() => location.reload(), delay * (1 + Math.random() / 2));
}

/** Ends a run of reloads: the page's bundle was accepted. */
export function staleReloadsDone(): void {
  sessionStorage.removeItem(KEY);
}
