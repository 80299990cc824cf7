// Client Usage › 1. Basic Socket Connection
import { useEffect } from 'react'; // added: the snippet uses useEffect without importing it
import { useSocket } from '../../../../generated/ts'; // changed: was '@/hooks/useSocket'

function MyComponent() {
  const { connected, socket, emit, on } = useSocket({
    namespace: '/leaderboard',
    autoConnect: true,
    reconnection: true,
  });

  useEffect(() => {
    return on('rankings:update', (update) => {
      console.log('Ranking updated:', update);
    });
  }, [on]);

  return <div>Status: {connected ? 'Connected' : 'Disconnected'}</div>;
}
