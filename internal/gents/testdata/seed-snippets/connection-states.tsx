// Connection States › Auto-Reconnection
import { useSocket } from '../../../../generated/ts'; // added: the snippet's hook

useSocket({
  reconnection: true,
  reconnectionAttempts: 5,
  reconnectionDelay: 1000,        // Start at 1 second
  reconnectionDelayMax: 5000,     // Max 5 seconds
  timeout: 20000,                 // 20 second timeout
});
