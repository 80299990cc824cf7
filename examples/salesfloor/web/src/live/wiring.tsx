// The one module that connects pages to the real-time SDK generated from schema/events.yaml
// (imported as `@realtime`). Pages call these hooks with the seed's options and read the seed's
// results; each maps onto one generated hook (useLeaderboardSocket, useTrainingSocket,
// useFieldChatSocket, useNotificationsSocket) and LiveProvider onto RealtimeProvider.
//
// The socket is same-origin, so the browser sends the session cookie with its handshake and the
// server knows who is connected. Delivery is at most once: when a connection comes back after a
// drop, the hooks call the page's refresh callback so that it refetches what it may have missed.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  RealtimeProvider,
  useFieldChatSocket,
  useLeaderboardSocket,
  useNotificationsSocket,
  useTrainingSocket,
  type ConnectionState,
  type Notifier,
} from '@realtime';
import type {
  FieldLive,
  FieldLiveOptions,
  LeaderboardLive,
  LeaderboardLiveOptions,
  MainLive,
  MainLiveOptions,
  TrainingLive,
  TrainingLiveOptions,
} from './types';

/** Props of LiveProvider: notify shows toasts for the user's own events. */
export interface LiveProviderProps {
  notify: Notifier;
  children: ReactNode;
}

/** Provides the real-time connection (same origin, the session cookie) to the hooks below it. */
export function LiveProvider({ notify, children }: LiveProviderProps): ReactNode {
  return <RealtimeProvider notify={notify}>{children}</RealtimeProvider>;
}

/** The latest value, for callbacks registered once. */
function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/**
 * Calls fn when a connection that was up comes back (connected after reconnecting): events sent
 * meanwhile were lost, so the page refetches.
 */
function useOnReconnect(state: ConnectionState, fn: (() => void) | undefined): void {
  const latest = useLatest(fn);
  const was = useRef<{ connected: boolean; state: ConnectionState }>({ connected: false, state });
  useEffect(() => {
    const prev = was.current;
    if (state === 'connected' && prev.state !== 'connected' && prev.connected) latest.current?.();
    was.current = { connected: prev.connected || state === 'connected', state };
  }, [state, latest]);
}

/** The leaderboard namespace: rankings, achievements, contests, TV updates, team goals. */
export function useLeaderboardLive(options: LeaderboardLiveOptions): LeaderboardLive {
  const latest = useLatest(options);
  const s = useLeaderboardSocket({
    userId: options.userId,
    teamId: options.teamId,
    contestId: options.contestId,
    tvDisplay: options.tvDisplay,
    showToasts: options.showToasts,
    onRankingUpdate: (u) => latest.current.onRankingUpdate?.(u),
    onAchievement: (a) => latest.current.onAchievement?.(a),
    onStale: () => latest.current.onStale?.(),
  });
  const { on } = s;
  useEffect(() => {
    const changed = () => latest.current.onBoardChanged?.();
    const offs = [
      on('tv:update', (u) => {
        latest.current.onTVUpdate?.(u);
        changed();
      }),
      on('leaderboard:refresh', changed),
      on('contest:new-entry', changed),
      on('contest:entry-update', changed),
      on('team:goal-reached', changed),
    ];
    return () => offs.forEach((off) => off());
  }, [on, latest]);
  useOnReconnect(s.state, options.onBoardChanged);
  return { connected: s.connected, state: s.state, error: s.error, lastUpdate: s.lastUpdate, achievements: s.achievements };
}

/** The training namespace: XP, levels, streaks, quizzes, progress, roleplay typing and replies. */
export function useTrainingLive(options: TrainingLiveOptions): TrainingLive {
  const latest = useLatest(options);
  const s = useTrainingSocket({
    userId: options.userId,
    sessionId: options.sessionId,
    showToasts: options.showToasts,
    onXPGain: (e) => latest.current.onXPGain?.(e),
    onLevelUp: (e) => latest.current.onLevelUp?.(e),
    onRoleplayResponse: (r) => latest.current.onRoleplayResponse?.(r),
  });
  const { on } = s;
  useEffect(() => {
    const streak = () => latest.current.onStreak?.();
    const offs = [
      on('streak:update', streak),
      on('streak:milestone', streak),
      on('quiz:completed', () => latest.current.onProgress?.(null)),
      on('progress:update', (p) => latest.current.onProgress?.(p)),
    ];
    return () => offs.forEach((off) => off());
  }, [on, latest]);
  useOnReconnect(s.state, options.onResync);
  return {
    connected: s.connected,
    state: s.state,
    error: s.error,
    isTyping: s.isTyping,
    sendMessage: s.sendMessage,
    reportProgress: s.reportProgress,
  };
}

/** The field namespace: the user's conversation with Susan. */
export function useFieldLive(options: FieldLiveOptions): FieldLive {
  const latest = useLatest(options);
  const s = useFieldChatSocket({
    conversationId: options.conversationId,
    onResponse: (r) => latest.current.onReply?.(r),
  });
  useOnReconnect(s.state, options.onResync);
  const { sendMessage } = s;
  return { connected: s.connected, state: s.state, error: s.error, isTyping: s.isTyping, sendMessage: (message) => sendMessage(message) };
}

/** The main namespace: the user's notifications (toasted) and the floor's announcements. */
export function useMainLive(options: MainLiveOptions): MainLive {
  const latest = useLatest(options);
  const s = useNotificationsSocket({
    userId: options.userId,
    showToasts: true,
    onAnnouncement: (a) => latest.current.onNotice?.(a),
    onNotification: (n) => latest.current.onNotification?.(n),
  });
  // The hook's count starts at 0; until the server reports one, the inbox's own count stands.
  const [reported, setReported] = useState(false);
  const { on, markRead: emitRead } = s;
  useEffect(() => on('notification:unread', () => setReported(true)), [on]);
  // Counts sent while the connection was down are lost: the inbox's refetched count stands again.
  useOnReconnect(s.state, () => {
    setReported(false);
    latest.current.onResync?.();
  });
  const markRead = useCallback(async (ids: string[]) => (await emitRead(ids)).count, [emitRead]);
  return { connected: s.connected, state: s.state, error: s.error, unreadCount: reported ? s.unreadCount : null, markRead };
}
