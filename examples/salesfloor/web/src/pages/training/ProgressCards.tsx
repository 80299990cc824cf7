// Level, XP and streak cards at the top of the training page.
import type { LevelUp, LevelView, StreakView } from '../../api/types';
import { FlameIcon, SparkIcon } from '../../components/icons';
import { ProgressBar } from '../../components/ui';
import { count } from '../../util/format';

/** The level badge and the XP bar towards the next level. */
export function LevelCard({ level, levelUp }: { level: LevelView; levelUp: LevelUp | null }) {
  const span = level.next - level.floor;
  const into = level.totalXP - level.floor;
  return (
    <section className="card level-card" data-level={level.level}>
      <div className="level-badge" aria-label={`Level ${level.level}`}>
        <span>Level</span>
        <strong className="num">{level.level}</strong>
      </div>
      <div className="level-main">
        <div className="level-row">
          <h2>Experience</h2>
          <span className="num xp-total" data-xp={level.totalXP}>
            {count(level.totalXP)} XP
          </span>
        </div>
        <ProgressBar value={span > 0 ? into / span : 0} height={12} color="var(--xp)" label="XP towards the next level" />
        <div className="level-row level-sub">
          <span className="num">
            {count(into)} / {count(span)} XP this level
          </span>
          <span className="num">{count(level.next - level.totalXP)} XP to level {level.level + 1}</span>
        </div>
        {levelUp && (
          <div className="level-up" role="status">
            <SparkIcon size={18} />
            <span>
              <strong>Level up!</strong> You reached level {levelUp.newLevel}
              {levelUp.rewards?.badges?.length ? ` · badge: ${levelUp.rewards.badges.join(', ')}` : ''}
              {levelUp.rewards?.unlocks?.length ? ` · unlocked: ${levelUp.rewards.unlocks.join(', ')}` : ''}
            </span>
          </div>
        )}
      </div>
    </section>
  );
}

/** The daily streak with the next milestone. */
export function StreakCard({ streak }: { streak: StreakView }) {
  const next = streak.nextMilestone;
  const from = [0, 3, 7, 14, 30, 60, 100, 365].filter((m) => m <= streak.days).pop() ?? 0;
  return (
    <section className="card streak-card" data-streak={streak.days}>
      <div className={`flame ${streak.days > 0 ? 'lit' : ''}`}>
        <FlameIcon size={30} />
      </div>
      <div className="streak-main">
        <div className="level-row">
          <h2>Daily streak</h2>
          {streak.activeToday ? <span className="pill pill-success">Today counted</span> : <span className="pill">Log in to keep it</span>}
        </div>
        <div className="streak-days">
          <strong className="num">{streak.days}</strong> day{streak.days === 1 ? '' : 's'}
          <span className="muted"> · best {streak.longest}</span>
        </div>
        {next > 0 && (
          <>
            <ProgressBar value={(streak.days - from) / Math.max(1, next - from)} color="var(--flame)" height={8} label="Progress to the next streak milestone" />
            <div className="level-sub">
              {next - streak.days} more day{next - streak.days === 1 ? '' : 's'} to the {next}-day milestone
            </div>
          </>
        )}
      </div>
    </section>
  );
}
