// The leaderboard: live ranking with your row highlighted, your standing, a sale form, team goals,
// the contest and the achievement feed. Live events patch the table at once and trigger one
// debounced refetch (the seed's best practice); a connection that comes back refetches everything.
import { useCallback, useMemo } from 'react';
import type { Contest, Earned, Leaderboard, SaleOutcome, Team } from '../api/types';
import { useResource } from '../api/useResource';
import { useSession, useUser } from '../app/session';
import { LiveBadge } from '../components/ConnectionStatus';
import { Card, ErrorNote, Loading } from '../components/ui';
import { useDebounced } from '../hooks/useDebounced';
import { useNow } from '../hooks/useNow';
import { useRankMoves } from '../hooks/useRankMoves';
import type { RankingUpdate } from '../live/types';
import { useLeaderboardLive } from '../live/wiring';
import { ago } from '../util/format';
import { LeaderboardTable } from './leaderboard/LeaderboardTable';
import { AchievementFeed, ContestCard, MyStanding, RecordSaleForm, TeamGoals } from './leaderboard/SideCards';
import './leaderboard/leaderboard.css';

/** How long the page waits after the last live update before refetching. */
const REFETCH_DEBOUNCE_MS = 1000;

/** Applies a ranking update to the rows so the change shows before the refetch lands. */
export function applyRankingUpdate(board: Leaderboard | undefined, u: RankingUpdate): Leaderboard | undefined {
  if (!board) return board;
  const rows = board.rows.map((r) => (r.userId === u.userId ? { ...r, rank: u.newRank, value: u.value } : r));
  rows.sort((a, b) => a.rank - b.rank || b.value - a.value);
  return { ...board, rows };
}

export function LeaderboardPage() {
  const me = useUser();
  const { refresh } = useSession();
  const now = useNow();
  const board = useResource<Leaderboard>('/api/leaderboard');
  const teams = useResource<Team[]>('/api/teams');
  const contests = useResource<Contest[]>('/api/contests');
  const feed = useResource<Earned[]>('/api/achievements?limit=6');
  const contest = contests.data?.find((c) => c.active) ?? contests.data?.[0];

  const refetchAll = useCallback(() => {
    void board.refetch();
    void teams.refetch();
    void contests.refetch();
    void feed.refetch();
    void refresh();
  }, [board.refetch, teams.refetch, contests.refetch, feed.refetch, refresh]);
  const refetchSoon = useDebounced(refetchAll, REFETCH_DEBOUNCE_MS);

  const live = useLeaderboardLive({
    userId: me.id,
    teamId: me.teamId || undefined,
    contestId: contest?.active ? contest.id : undefined,
    showToasts: true,
    onRankingUpdate: (u) => {
      board.setData((b) => applyRankingUpdate(b, u));
      refetchSoon();
    },
    onAchievement: refetchSoon,
    onBoardChanged: refetchSoon,
  });

  const moves = useRankMoves(board.data?.rows);
  const sells = me.role === 'rep' || me.role === 'manager';
  const onRecorded = useCallback((_: SaleOutcome) => refetchAll(), [refetchAll]);
  const rows = useMemo(() => board.data?.rows ?? [], [board.data]);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <div className="head-title">
            <h1>Leaderboard</h1>
            <LiveBadge state={live.state} />
          </div>
          <p>
            Revenue closed in {board.data?.period ?? new Date().getFullYear()}
            {board.data && <> · updated {ago(board.data.updatedAt, now)}</>}
          </p>
        </div>
        {live.lastUpdate && (
          <p className="latest" aria-live="polite">
            Latest: <strong>{live.lastUpdate.userName}</strong>{' '}
            {live.lastUpdate.newRank === live.lastUpdate.previousRank ? `holds #${live.lastUpdate.newRank}` : `moved to #${live.lastUpdate.newRank}`} · {ago(live.lastUpdate.timestamp, now)}
          </p>
        )}
      </div>

      <div className="grid-main">
        <Card className="lb-card">
          {board.error && !board.data ? (
            <ErrorNote message={board.error.message} onRetry={() => void board.refetch()} />
          ) : !board.data ? (
            <Loading label="Loading the leaderboard…" />
          ) : (
            <LeaderboardTable rows={rows} meId={me.id} moves={moves} />
          )}
        </Card>

        <aside className="stack">
          {sells && <MyStanding me={me} rows={rows} />}
          {sells && <RecordSaleForm onRecorded={onRecorded} />}
          {teams.data && teams.data.length > 0 && <TeamGoals teams={teams.data} myTeamId={me.teamId} />}
          {contest && <ContestCard contest={contest} meId={me.id} />}
          {feed.data && <AchievementFeed items={feed.data} now={now} />}
        </aside>
      </div>
    </div>
  );
}
