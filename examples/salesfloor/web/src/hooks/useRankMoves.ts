import { useEffect, useRef, useState } from 'react';

/** A rank change: from → to, seen at `at` (ms). */
export interface Move {
  from: number;
  to: number;
  at: number;
}

/**
 * Remembers, per user, the last rank change seen in successive versions of a ranking, for `keep`
 * ms. It works the same whether the rows were refetched or patched from a live update.
 */
export function useRankMoves(rows: readonly { userId: number; rank: number }[] | undefined, keep = 90_000): ReadonlyMap<number, Move> {
  const prev = useRef<Map<number, number> | null>(null);
  const [moves, setMoves] = useState<ReadonlyMap<number, Move>>(new Map());

  useEffect(() => {
    if (!rows) return;
    const now = Date.now();
    const before = prev.current;
    prev.current = new Map(rows.map((r) => [r.userId, r.rank]));
    if (!before) return;
    const changed: [number, Move][] = [];
    for (const r of rows) {
      const old = before.get(r.userId);
      if (old !== undefined && old !== r.rank) changed.push([r.userId, { from: old, to: r.rank, at: now }]);
    }
    if (changed.length > 0) {
      setMoves((m) => {
        const next = new Map(m);
        for (const [id, mv] of changed) {
          // Keep where a user started a burst of moves, so ▲3 is not shown as three ▲1s.
          const earlier = next.get(id);
          next.set(id, earlier && now - earlier.at < 5_000 ? { ...mv, from: earlier.from } : mv);
        }
        return next;
      });
    }
  }, [rows]);

  useEffect(() => {
    if (moves.size === 0) return;
    const id = setInterval(() => {
      const now = Date.now();
      setMoves((m) => {
        const next = new Map([...m].filter(([, mv]) => now - mv.at < keep && mv.from !== mv.to));
        return next.size === m.size ? m : next;
      });
    }, 5_000);
    return () => clearInterval(id);
  }, [moves.size, keep]);

  return moves;
}
