// Testing › Test Connection and Monitoring › Client Logs (the client parts)
import { useSocket } from '../../../../generated/ts'; // added: the snippets' hook

// Check if socket is connected
const { connected } = useSocket({ namespace: '/leaderboard' });
console.log('Connected:', connected);

useSocket({
  namespace: '/leaderboard',
  // Socket.io will log in browser console
});
