// An achievement's icon by type, drawn as SVG so it looks the same on every machine (the payload's
// emoji depends on the viewer's fonts).
import type { Earned } from '../api/types';
import { FlameIcon, SparkIcon, TargetIcon, TrophyIcon } from './icons';
import './achievement.css';

const icons = { rank: TrophyIcon, milestone: SparkIcon, streak: FlameIcon, contest: TargetIcon } as const;

export function AchievementIcon({ type, rarity = 'common', size = 36 }: { type: Earned['achievementType']; rarity?: Earned['rarity']; size?: number }) {
  const Icon = icons[type] ?? TrophyIcon;
  return (
    <span className={`ach-icon ach-${rarity}`} style={{ width: size, height: size }} aria-hidden="true">
      <Icon size={Math.round(size * 0.5)} />
    </span>
  );
}
