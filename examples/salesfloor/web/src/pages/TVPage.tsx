// The TV display for the sales floor: a dark, large-type board for a wall screen. It joins the
// tv-display room, animates rank changes, headlines each sale, shows the latest deals, team goals
// and the contest, and celebrates rare achievements full-screen. When the server no longer
// accepts its bundle it reloads itself.
//
// The board is fetched once; after that the live events move it (ranks, values, deals), so a screen
// whose Wi-Fi blips and recovers shows every sale of the gap without fetching it again. Only a
// reconnect that lost events (onResync) fetches the board again. The side panels are refreshed a
// moment after any event.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Contest, Earned, Sale, Team } from '../api/types';
import { useResource } from '../api/useResource';
import { AchievementIcon } from '../components/AchievementIcon';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { Logo, TrophyIcon } from '../components/icons';
import { Avatar, RankBadge, RankDelta } from '../components/ui';
import { useDebounced } from '../hooks/useDebounced';
import { useFlip } from '../hooks/useFlip';
import { useNow } from '../hooks/useNow';
import { useRankMoves } from '../hooks/useRankMoves';
import { useLiveBoard } from '../live/board';
import type { TVDisplayUpdate } from '../live/types';
import { useLeaderboardLive } from '../live/wiring';
import { ago, clock, daysUntil, money, shortMoney } from '../util/format';
import { reloadWhenStale, staleReloadsDone } from '../util/stale';
import './tv.css';

const TOP = 10;
const REFETCH_DEBOUNCE_MS = 300;
const CELEBRATION_MS = 7_000;
/** How long the latest sale's headline stays in the footer. */
const HEADLINE_MS = 20_000;

export function TVPage() {
  const now = useNow(1_000);
  const board = useLiveBoard();
  const sales = useResource<Sale[]>('/api/sales?limit=4');
  const teams = useResource<Team[]>('/api/teams');
  const contests = useResource<Contest[]>('/api/contests');
  const feed = useResource<Earned[]>('/api/achievements?limit=4');
  const presence = useResource<{ connectedClients: number }>('/api/presence');

  const refetchPanels = useCallback(() => {
    void sales.refetch();
    void teams.refetch();
    void contests.refetch();
    void feed.refetch();
    void presence.refetch();
  }, [sales.refetch, teams.refetch, contests.refetch, feed.refetch, presence.refetch]);
  const refetchPanelsSoon = useDebounced(refetchPanels, REFETCH_DEBOUNCE_MS);

  const [news, setNews] = useState<TVDisplayUpdate | null>(null);
  const live = useLeaderboardLive({
    tvDisplay: true,
    onRankingUpdate: board.applyUpdate,
    onTVUpdate: (u) => {
      if (u.headline) setNews(u);
      board.applyEntries(u.leaders, u.timestamp);
    },
    onSnapshot: (s) => board.applyEntries(s.entries, s.generatedAt),
    onActivity: refetchPanelsSoon,
    onResync: () => {
      void board.refetch();
      refetchPanels();
    },
    onStale: reloadWhenStale,
  });
  useEffect(() => {
    if (live.connected) staleReloadsDone();
  }, [live.connected]);
  const headline = news && now - news.timestamp.getTime() < HEADLINE_MS ? news : null;

  const rows = useMemo(() => board.data?.rows.slice(0, TOP) ?? [], [board.data]);
  const moves = useRankMoves(board.data?.rows, 60_000);
  const register = useFlip(rows.map((r) => r.userId), 900);
  const celebration = useCelebration(feed.data);
  const contest = contests.data?.find((c) => c.active);
  const top = rows[0]?.value || 1;
  const fresh = useFreshIds(sales.data);

  return (
    <div className="tv">
      <header className="tv-top">
        <div className="tv-brand">
          <Logo size={44} />
          <div>
            <strong>Sales Floor</strong>
            <span>{board.data?.period ?? new Date(now).getFullYear()} revenue leaderboard</span>
          </div>
        </div>
        <ConnectionStatus state={live.state} recovered={live.recovered} error={live.error} tone="dark" />
        <div className="tv-clock">
          <strong className="num">{clock(new Date(now))}</strong>
          <span>{new Date(now).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric' })}</span>
        </div>
      </header>

      <main className="tv-main">
        <section className="tv-board" aria-label="Top ten">
          {rows.map((r) => {
            const mv = moves.get(r.userId);
            return (
              <div key={r.userId} ref={register(r.userId)} className={`tv-row ${r.rank <= 3 ? 'podium' : ''} ${mv ? (mv.to < mv.from ? 'up' : 'down') : ''}`} data-user={r.userId} data-rank={r.rank} data-value={r.value} data-deals={r.deals}>
                <RankBadge rank={r.rank} size="lg" />
                <Avatar name={r.userName} color={r.teamColor} size={52} />
                <div className="tv-name">
                  <strong>{r.userName}</strong>
                  <span>
                    <i style={{ background: r.teamColor }} />
                    {r.teamName} · {r.deals} deals
                  </span>
                </div>
                <div className="tv-delta">{mv && <RankDelta from={mv.from} to={mv.to} />}</div>
                <div className="tv-value">
                  <strong className="num">{money(r.value)}</strong>
                  <span className="tv-bar">
                    <span style={{ width: `${Math.max(3, (r.value / top) * 100)}%`, background: r.teamColor }} />
                  </span>
                </div>
              </div>
            );
          })}
        </section>

        <aside className="tv-side">
          <section className="tv-panel">
            <h2>Latest deals</h2>
            <ul className="tv-deals">
              {(sales.data ?? []).map((s) => (
                <li key={s.id} className={fresh.has(s.id) ? 'fresh' : ''}>
                  <div>
                    <strong>{s.userName}</strong>
                    <span>
                      {s.customer} · {s.product}
                    </span>
                  </div>
                  <div className="tv-deal-right">
                    <strong className="num">{shortMoney(s.amount)}</strong>
                    <span>{ago(s.timestamp, now)}</span>
                  </div>
                </li>
              ))}
            </ul>
          </section>

          <section className="tv-panel">
            <h2>Team goals</h2>
            <ul className="tv-goals">
              {(teams.data ?? []).map((t) => (
                <li key={t.id}>
                  <div className="tv-goal-top">
                    <span>
                      <i style={{ background: t.color }} />
                      {t.name}
                    </span>
                    <strong className="num">{t.reachedAt ? 'Goal reached!' : `${Math.floor(t.progress * 100)}%`}</strong>
                  </div>
                  <span className="tv-goal-bar">
                    <span style={{ width: `${Math.min(100, t.progress * 100)}%`, background: t.color }} />
                  </span>
                </li>
              ))}
            </ul>
          </section>

          {contest && (
            <section className="tv-panel">
              <h2>
                <TrophyIcon size={20} /> {contest.name}
                <span className="tv-days">{daysUntil(contest.endsAt, now)} days left</span>
              </h2>
              <ol className="tv-contest">
                {contest.standings.slice(0, 5).map((s) => (
                  <li key={s.userId}>
                    <span className="num tv-contest-rank">{s.rank}</span>
                    <span className="tv-contest-name">{s.userName}</span>
                    <strong className="num">{s.points} pts</strong>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </aside>
      </main>

      <footer className="tv-foot">
        {headline ? (
          <div className="tv-news" key={headline.timestamp.getTime()} role="status">
            <span className="tv-news-tag">Just in</span>
            <strong>{headline.headline}</strong>
            {/* The seller is the first line of the ticker, and the headline already says where they went. */}
            {headline.ticker?.slice(1).map((line) => (
              <span key={line} className={line.startsWith('▲') ? 'up' : 'down'}>
                {line}
              </span>
            ))}
          </div>
        ) : (
        <div className="tv-achievements">
          {(feed.data ?? []).map((a, i) => (
            <span key={`${a.userId}-${a.timestamp}-${i}`} className="tv-ach">
              <AchievementIcon type={a.achievementType} rarity={a.rarity} size={30} />
              <span>
                <strong>{a.userName}</strong> {a.title}
              </span>
            </span>
          ))}
        </div>
        )}
        {!!presence.data?.connectedClients && (
          <span className="tv-presence">
            {presence.data.connectedClients} screen{presence.data.connectedClients === 1 ? '' : 's'} connected
          </span>
        )}
      </footer>

      {celebration && (
        <div className="tv-celebrate" role="alert" key={celebration.timestamp + celebration.title}>
          <div className="tv-celebrate-card">
            <AchievementIcon type={celebration.achievementType} rarity={celebration.rarity} size={120} />
            <span className="tv-celebrate-kicker">{celebration.rarity} achievement</span>
            <strong>{celebration.userName}</strong>
            <h3>{celebration.title}</h3>
            <p>{celebration.description}</p>
          </div>
        </div>
      )}
    </div>
  );
}

/** Ids of sales that arrived after the page first loaded, to slide them in. */
function useFreshIds(sales: readonly Sale[] | undefined): ReadonlySet<number> {
  const firstNewest = useRef<number | null>(null);
  return useMemo(() => {
    if (!sales) return new Set<number>();
    if (firstNewest.current === null) firstNewest.current = Math.max(0, ...sales.map((s) => s.id));
    const since = firstNewest.current;
    return new Set(sales.filter((s) => s.id > since).map((s) => s.id));
  }, [sales]);
}

const rarityOrder: readonly Earned['rarity'][] = ['common', 'rare', 'epic', 'legendary'];

/**
 * The achievement to celebrate full-screen: a rare-or-better one newer than any seen before, shown
 * for a few seconds. Achievements already in the first feed are history, not news.
 */
function useCelebration(feed: readonly Earned[] | undefined): Earned | null {
  const seen = useRef<number | null>(null);
  const [current, setCurrent] = useState<Earned | null>(null);
  useEffect(() => {
    if (!feed) return;
    const newest = Math.max(0, ...feed.map((a) => Date.parse(a.timestamp)));
    if (seen.current === null) {
      seen.current = newest;
      return;
    }
    const fresh = feed.filter((a) => Date.parse(a.timestamp) > (seen.current ?? 0) && a.rarity !== 'common');
    seen.current = Math.max(seen.current, newest);
    // Of several at once (a sale can earn a few), the rarest.
    const pick = fresh.sort((a, b) => rarityOrder.indexOf(b.rarity) - rarityOrder.indexOf(a.rarity))[0];
    if (pick) setCurrent(pick);
  }, [feed]);
  useEffect(() => {
    if (!current) return;
    const id = setTimeout(() => setCurrent(null), CELEBRATION_MS);
    return () => clearTimeout(id);
  }, [current]);
  return current;
}
