// The ranking table: medals, team colours, online dots, rank deltas, and the viewer's own row
// highlighted. Rows glide to their new places when ranks change.
import type { LeaderboardRow } from '../../api/types';
import { useFlip } from '../../hooks/useFlip';
import type { Move } from '../../hooks/useRankMoves';
import { Avatar, RankBadge, RankDelta } from '../../components/ui';
import { count, money } from '../../util/format';

export interface LeaderboardTableProps {
  rows: readonly LeaderboardRow[];
  /** The viewer, whose row is highlighted. */
  meId: number;
  moves: ReadonlyMap<number, Move>;
}

export function LeaderboardTable({ rows, meId, moves }: LeaderboardTableProps) {
  const register = useFlip(rows.map((r) => r.userId));
  const top = rows[0]?.value || 1;
  return (
    <div className="lb" role="table" aria-label="Leaderboard">
      <div className="lb-head" role="row">
        <span role="columnheader">Rank</span>
        <span role="columnheader">Rep</span>
        <span role="columnheader" className="lb-deals-col">
          Deals
        </span>
        <span role="columnheader" className="lb-value-col">
          Revenue
        </span>
      </div>
      {rows.map((r) => {
        const mv = moves.get(r.userId);
        const me = r.userId === meId;
        return (
          <div
            key={r.userId}
            ref={register(r.userId)}
            role="row"
            className={`lb-row ${me ? 'me' : ''} ${mv ? (mv.to < mv.from ? 'moved-up' : 'moved-down') : ''}`}
            data-user={r.userId}
            data-rank={r.rank}
            aria-current={me ? 'true' : undefined}
          >
            <span role="cell" className="lb-rank">
              <RankBadge rank={r.rank} />
            </span>
            <span role="cell" className="lb-rep">
              <Avatar name={r.userName} color={r.teamColor} online={r.online} />
              <span className="lb-name">
                <strong>
                  <span className="lb-name-text">{r.userName}</span>
                  {me && <span className="you">You</span>}
                </strong>
                <span className="lb-team">
                  <i style={{ background: r.teamColor }} />
                  {r.teamName}
                </span>
              </span>
              {mv && <RankDelta from={mv.from} to={mv.to} />}
            </span>
            <span role="cell" className="lb-deals num lb-deals-col">
              {count(r.deals)}
            </span>
            <span role="cell" className="lb-value lb-value-col">
              <strong className="num">{money(r.value)}</strong>
              <span className="lb-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(2, (r.value / top) * 100)}%`, background: r.teamColor }} />
              </span>
            </span>
          </div>
        );
      })}
    </div>
  );
}
