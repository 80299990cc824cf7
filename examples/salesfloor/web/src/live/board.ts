// The leaderboard as the pages show it: fetched on mount and when a reconnect lost events (resync),
// and moved by the live events in between, which carry the new ranks, values and deal counts
// (rankings:update, rank:changed, tv:update's leaders, leaderboard:refresh's entries). A screen
// whose connection blips and recovers thus shows every change of the gap without fetching anything.
import { useCallback, useEffect, useRef } from 'react';
import type { ApiError } from '../api/client';
import type { Leaderboard, LeaderboardRow } from '../api/types';
import { useResource } from '../api/useResource';
import type { LeaderboardEntry, RankingUpdate } from './types';

/** What an event says about one user's row. */
interface RowChange {
  readonly userId: number;
  readonly rank: number;
  readonly value: number;
  readonly deals?: number | undefined;
}

/** Applies row changes as of `at`, keeping the rows in rank order. Names and teams stay as fetched. */
function applyChanges(board: Leaderboard | undefined, changes: readonly RowChange[], at: Date): Leaderboard | undefined {
  if (!board || changes.length === 0) return board;
  const byUser = new Map(changes.map((c) => [c.userId, c]));
  const rows = board.rows.map((r): LeaderboardRow => {
    const c = byUser.get(r.userId);
    return c ? { ...r, rank: c.rank, value: c.value, deals: c.deals ?? r.deals } : r;
  });
  rows.sort((a, b) => a.rank - b.rank || b.value - a.value);
  return { ...board, rows, updatedAt: at.toISOString() };
}

/** The board of a page, live. */
export interface LiveBoard {
  readonly data: Leaderboard | undefined;
  readonly error: ApiError | null;
  /** Fetches the board again: after a reconnect that lost events, or to retry a failed fetch. */
  refetch(): Promise<void>;
  /** Applies a ranking change (rankings:update, rank:changed). */
  applyUpdate(u: RankingUpdate): void;
  /** Applies the rows of part of the board (tv:update's leaders) or all of it (leaderboard:refresh), as of `at`. */
  applyEntries(entries: readonly LeaderboardEntry[], at: Date): void;
}

/** A change from an event: when it happened, whom it names, what it does to the board. */
interface Change {
  readonly at: Date;
  readonly changes: readonly RowChange[];
}

/**
 * The leaderboard, fetched on mount and by refetch() only, and moved by live events. A fetch's
 * answer may predate events that arrive while it is in flight: those are applied again on top of
 * it when they are at least as new as the board it answers. An event naming someone the board does
 * not list (a seller added since it was fetched) has no name or team to show: the board is fetched
 * again.
 */
export function useLiveBoard(): LiveBoard {
  const res = useResource<Leaderboard>('/api/leaderboard');
  const { data, loading, setData, refetch } = res;
  const current = useRef(data);
  current.current = data;
  const fetching = useRef(true);
  fetching.current = loading || data === undefined;
  const pending = useRef<Change[]>([]);

  useEffect(() => {
    if (loading || !data || pending.current.length === 0) return;
    const since = Date.parse(data.updatedAt);
    const newer = pending.current.filter((c) => c.at.getTime() >= since);
    pending.current = [];
    if (newer.length > 0) setData((b) => newer.reduce((acc, c) => applyChanges(acc, c.changes, c.at), b));
  }, [loading, data, setData]);

  const refetchBoard = useCallback(() => {
    fetching.current = true;
    return refetch();
  }, [refetch]);

  const apply = useCallback(
    (c: Change) => {
      const listed = new Set(current.current?.rows.map((r) => r.userId));
      if (current.current && c.changes.some((x) => !listed.has(x.userId))) void refetchBoard();
      if (fetching.current) pending.current.push(c);
      setData((b) => applyChanges(b, c.changes, c.at));
    },
    [setData, refetchBoard],
  );
  const applyUpdate = useCallback(
    (u: RankingUpdate) => apply({ at: u.timestamp, changes: [{ userId: u.userId, rank: u.newRank, value: u.value, deals: u.deals }] }),
    [apply],
  );
  const applyEntries = useCallback(
    (entries: readonly LeaderboardEntry[], at: Date) =>
      apply({ at, changes: entries.map((e) => ({ userId: e.userId, rank: e.rank, value: e.value, deals: e.deals })) }),
    [apply],
  );
  return { data, error: res.error, refetch: refetchBoard, applyUpdate, applyEntries };
}
