// Client Usage › 2. Leaderboard Socket Hook
import type { ReactNode } from 'react'; // added: for the Badge declaration below
import { useLeaderboardSocket } from '../../../../generated/ts'; // changed: was '@/hooks/useLeaderboardSocket'

// added: what the snippet takes from the surrounding app.
declare const currentUser: { id: number };
declare function refetch(): void;
declare function Badge(props: { children: ReactNode }): ReactNode;

function LeaderboardPage() {
  const { connected, lastUpdate, achievements } = useLeaderboardSocket({
    userId: currentUser.id,
    tvDisplay: false,
    showToasts: true,
    onRankingUpdate: (update) => {
      console.log('My rank changed:', update);
      // Refetch leaderboard data
      refetch();
    },
    onAchievement: (achievement) => {
      console.log('Achievement earned:', achievement);
      // Show celebration animation
    },
  });

  return (
    <div>
      {connected && <Badge>Live</Badge>}
      {/* Leaderboard UI */}
    </div>
  );
}
