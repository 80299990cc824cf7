// The one module that connects pages to the real-time SDK generated from schema/events.yaml
// (imported as `@realtime`). Pages call these hooks with the seed's options and read the seed's
// results; each maps onto one generated hook (useLeaderboardSocket, useTrainingSocket,
// useFieldChatSocket, useNotificationsSocket) and LiveProvider onto RealtimeProvider.
//
// The socket is same-origin, so the browser sends the session cookie with its handshake and the
// server knows who is connected. When a dropped connection comes back within the server's recovery
// window, the server replays what was sent meanwhile and the page carries on (`recovered`); when it
// could not (a longer gap, a restarted server), the generated hooks call the page's onResync, once,
// so that it refetches what it missed.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  leaderboardNamespace,
  RealtimeProvider,
  useFieldChatSocket,
  useLeaderboardSocket,
  useNotificationsSocket,
  useTrainingSocket,
  type LeaderboardServerEvents,
  type Notifier,
} from '@realtime';
import type {
  FieldLive,
  FieldLiveOptions,
  LeaderboardLive,
  LeaderboardLiveOptions,
  LiveConnection,
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

/** The connection fields every live hook returns, from a generated hook's result. */
function connection(s: LiveConnection): LiveConnection {
  return { connected: s.connected, state: s.state, recovered: s.recovered, error: s.error };
}

/** The latest value, for callbacks registered once. */
function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
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
    onStale: () => latest.current.onStale?.(),
    onResync: () => latest.current.onResync?.(),
  });
  const { on } = s;
  useEffect(() => {
    const events = leaderboardNamespace.serverEvents as readonly (keyof LeaderboardServerEvents)[];
    const offs = [
      on('tv:update', (u) => latest.current.onTVUpdate?.(u)),
      on('leaderboard:refresh', (b) => latest.current.onSnapshot?.(b)),
      ...events.map((event) => on(event, () => latest.current.onActivity?.())),
    ];
    return () => offs.forEach((off) => off());
  }, [on, latest]);
  return { ...connection(s), lastUpdate: s.lastUpdate, achievements: s.achievements };
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
    onResync: () => latest.current.onResync?.(),
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
  return {
    ...connection(s),
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
    onResync: () => latest.current.onResync?.(),
  });
  const { sendMessage } = s;
  return { ...connection(s), isTyping: s.isTyping, sendMessage: (message) => sendMessage(message) };
}

/** The main namespace: the user's notifications (toasted) and the floor's announcements. */
export function useMainLive(options: MainLiveOptions): MainLive {
  const latest = useLatest(options);
  // The hook's count starts at 0; until the server reports one, the inbox's own count stands.
  const [reported, setReported] = useState(false);
  const s = useNotificationsSocket({
    userId: options.userId,
    showToasts: true,
    onAnnouncement: (a) => latest.current.onNotice?.(a),
    onNotification: (n) => latest.current.onNotification?.(n),
    // Counts sent while the connection was down are lost: the inbox's refetched count stands again.
    onResync: () => {
      setReported(false);
      latest.current.onResync?.();
    },
  });
  const { on, markRead: emitRead } = s;
  useEffect(() => on('notification:unread', () => setReported(true)), [on]);
  const markRead = useCallback(async (ids: string[]) => (await emitRead(ids)).count, [emitRead]);
  return { ...connection(s), unreadCount: reported ? s.unreadCount : null, markRead };
}
