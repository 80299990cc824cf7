// Best Practices (the client parts)
import { useEffect, useState } from 'react'; // added: the snippets use these without importing them
import { useLeaderboardSocket, useSocket, type RankingUpdate } from '../../../../generated/ts'; // added

// added: what the snippets take from the surrounding app.
declare const currentUser: { id: number; teamId: number };
declare function refetch(): void;
declare const handler: (update: RankingUpdate) => void;
const { on } = useSocket({ namespace: '/leaderboard' }); // added: `on` as "Basic Socket Connection" gets it

// 1. Always Clean Up Listeners

useEffect(() => {
  const unsubscribe = on('rankings:update', handler); // changed: a real event instead of 'event:name'
  return unsubscribe; // Cleanup on unmount
}, [on]);

// 2. Handle Connection States

function ConnectionGate() { // added: the snippet's return needs a component around it
  const { connected } = useSocket({ namespace: '/leaderboard' }); // added: where `connected` comes from
  if (!connected) {
    return <div>Connecting to real-time updates...</div>;
  }
}

// 3. Optimize Toast Notifications

useLeaderboardSocket({
  showToasts: true, // Only show toasts for current user
  onRankingUpdate: (update) => {
    if (update.userId === currentUser.id) {
      // Show custom animation for your own updates
    }
  },
});

// 4. Use Rooms for Targeted Updates (the client part)

// Client: Join relevant rooms only
useLeaderboardSocket({
  userId: currentUser.id,
  teamId: currentUser.teamId,
  // Don't join contest room if not in contest
});

// 5. Debounce Rapid Updates

const [updates, setUpdates] = useState<RankingUpdate[]>([]); // changed: useState([]) is never[] under --strict

useLeaderboardSocket({
  onRankingUpdate: (update) => {
    setUpdates(prev => [...prev, update]);
  },
});

// Debounce refetch
useEffect(() => {
  const timer = setTimeout(() => {
    if (updates.length > 0) {
      refetch();
      setUpdates([]);
    }
  }, 1000);
  return () => clearTimeout(timer);
}, [updates]);
