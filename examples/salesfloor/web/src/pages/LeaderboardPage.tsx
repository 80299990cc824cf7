// The leaderboard: live ranking with your row highlighted, your standing, a sale form, team goals,
// the contest and the achievement feed. Live events move the table themselves (it is fetched on
// mount and after a reconnect that lost events, never because of an event) and trigger one
// debounced refetch of the cards beside it (the seed's best practice).
import { useCallback, useMemo } from 'react';
import type { Contest, Earned, SaleOutcome, Team } from '../api/types';
import { useResource } from '../api/useResource';
import { useSession, useUser } from '../app/session';
import { LiveBadge } from '../components/ConnectionStatus';
import { Card, ErrorNote, Loading } from '../components/ui';
import { useDebounced } from '../hooks/useDebounced';
import { useNow } from '../hooks/useNow';
import { useRankMoves } from '../hooks/useRankMoves';
import { useLiveBoard } from '../live/board';
import { useLeaderboardLive } from '../live/wiring';
import { ago } from '../util/format';
import { LeaderboardTable } from './leaderboard/LeaderboardTable';
import { AchievementFeed, ContestCard, MyStanding, RecordSaleForm, TeamGoals } from './leaderboard/SideCards';
import './leaderboard/leaderboard.css';

/** How long the page waits after the last live update before refetching the cards. */
const REFETCH_DEBOUNCE_MS = 1000;

export function LeaderboardPage() {
  const me = useUser();
  const { refresh } = useSession();
  const now = useNow();
  const board = useLiveBoard();
  const teams = useResource<Team[]>('/api/teams');
  const contests = useResource<Contest[]>('/api/contests');
  const feed = useResource<Earned[]>('/api/achievements?limit=6');
  const contest = contests.data?.find((c) => c.active) ?? contests.data?.[0];

  // The cards beside the table, and the profile in the top bar.
  const refetchCards = useCallback(() => {
    void teams.refetch();
    void contests.refetch();
    void feed.refetch();
    void refresh();
  }, [teams.refetch, contests.refetch, feed.refetch, refresh]);
  const refetchCardsSoon = useDebounced(refetchCards, REFETCH_DEBOUNCE_MS);

  const live = useLeaderboardLive({
    userId: me.id,
    teamId: me.teamId || undefined,
    contestId: contest?.active ? contest.id : undefined,
    showToasts: true,
    onRankingUpdate: board.applyUpdate,
    onSnapshot: (s) => board.applyEntries(s.entries, s.generatedAt),
    onActivity: refetchCardsSoon,
    onResync: () => {
      void board.refetch();
      refetchCards();
    },
  });

  const moves = useRankMoves(board.data?.rows);
  const sells = me.role === 'rep' || me.role === 'manager';
  // The table moves with the sale's live events; the cards show its effects at once.
  const onRecorded = useCallback((_: SaleOutcome) => refetchCards(), [refetchCards]);
  const rows = useMemo(() => board.data?.rows ?? [], [board.data]);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <div className="head-title">
            <h1>Leaderboard</h1>
            <LiveBadge state={live.state} recovered={live.recovered} />
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
