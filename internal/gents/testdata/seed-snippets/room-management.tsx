// Room Management › Join Rooms (the client part)
import { useLeaderboardSocket, useTrainingSocket } from '../../../../generated/ts'; // added: the snippet's hooks

// Leaderboard
useLeaderboardSocket({
  userId: 123,        // Joins user:123
  teamId: 5,          // Joins team:5
  contestId: 10,      // Joins contest:10
  tvDisplay: true,    // Joins tv-display
});

// Training
useTrainingSocket({
  userId: 123,        // Joins user:123
  sessionId: 'abc',   // Joins session:abc
  moduleId: 'mod-1',  // Joins module:mod-1
});
