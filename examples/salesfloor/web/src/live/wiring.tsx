// The one module that connects pages to the real-time SDK generated from schema/events.yaml
// (imported as `@realtime`). Pages call these hooks with the seed's options and read the seed's
// results; each hook maps onto one generated hook (useLeaderboardSocket, useTrainingSocket,
// useFieldSocket, the main namespace hook) and LiveProvider onto RealtimeProvider.
//
// Until the generated SDK is built into this app, there is no socket: every hook reports
// 'disconnected', and pages fall back to polling the HTTP API (see usePolling).
import type { ReactNode } from 'react';
import type {
  FieldLive,
  FieldLiveOptions,
  LeaderboardLive,
  LeaderboardLiveOptions,
  LiveConnection,
  LiveToast,
  MainLiveOptions,
  TrainingLive,
  TrainingLiveOptions,
} from './types';

const offline: LiveConnection = { connected: false, state: 'disconnected', error: null };

/** Props of LiveProvider: notify shows toasts for the user's own events. */
export interface LiveProviderProps {
  notify: (toast: LiveToast) => void;
  children: ReactNode;
}

/** Provides the real-time connection to the hooks below it. */
export function LiveProvider({ children }: LiveProviderProps): ReactNode {
  return children;
}

/** The leaderboard namespace: rankings, achievements, contests, TV updates. */
export function useLeaderboardLive(_options: LeaderboardLiveOptions): LeaderboardLive {
  return { ...offline, lastUpdate: null, achievements: [] };
}

/** The training namespace: XP, levels, streaks, roleplay typing and replies. */
export function useTrainingLive(_options: TrainingLiveOptions): TrainingLive {
  return { ...offline, isTyping: false };
}

/** The field namespace: Susan's replies and typing indicator. */
export function useFieldLive(_options: FieldLiveOptions): FieldLive {
  return { ...offline, isTyping: false };
}

/** The main namespace: global notices. */
export function useMainLive(_options: MainLiveOptions): LiveConnection {
  return offline;
}
