// Error Handling › Client Errors
import { useSocket } from '../../../../generated/ts'; // added: the snippet's hook

const { error } = useSocket({ namespace: '/leaderboard' });

if (error) {
  console.error('Socket error:', error);
  // Show error toast or retry button
}
