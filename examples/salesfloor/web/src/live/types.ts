// What the pages need from the real-time layer. Payloads are the generated SDK's own types (from
// schema/events.yaml, time fields as Date); the options and results are the seed's hook shapes,
// which live/wiring.tsx maps onto the generated hooks.
import type {
  AchievementEvent,
  Announcement,
  ConnectionState,
  LeaderboardEntry,
  LeaderboardSnapshot,
  LevelUpEvent,
  Notification,
  RankingUpdate,
  RoleplayMessageAck,
  RoleplayResponse,
  SusanResponse,
  TrainingProgress,
  TVDisplayUpdate,
  XPGainEvent,
  ChatMessageAck,
} from '@realtime';

export type {
  AchievementEvent,
  Announcement,
  ConnectionState,
  LeaderboardEntry,
  LeaderboardSnapshot,
  LevelUpEvent,
  Notification,
  RankingUpdate,
  RoleplayResponse,
  SusanResponse,
  TrainingProgress,
  TVDisplayUpdate,
  XPGainEvent,
};

/** A connection or server error with a machine-readable code. */
export interface LiveError {
  readonly code: string;
  readonly message: string;
}

/** What every live hook returns about its connection. */
export interface LiveConnection {
  readonly connected: boolean;
  readonly state: ConnectionState;
  /**
   * The last reconnect recovered the connection: the server replayed every event missed while it
   * was down, so nothing was refetched. False on the first connect and after a reconnect that
   * started afresh (the page's onResync ran then).
   */
  readonly recovered: boolean;
  readonly error: LiveError | null;
}

/** Options of the leaderboard wiring: rooms to join and callbacks (the seed's useLeaderboardSocket). */
export interface LeaderboardLiveOptions {
  userId?: number;
  teamId?: number;
  contestId?: number;
  tvDisplay?: boolean;
  showToasts?: boolean;
  /** Any ranking change (everyone's rankings:update and the user's own rank:changed). */
  onRankingUpdate?: (update: RankingUpdate) => void;
  /** The TV displays' update after a sale, with the new top of the board (TV displays only). */
  onTVUpdate?: (update: TVDisplayUpdate) => void;
  /** The whole board, sent when a change is more than rank moves (a voided sale). */
  onSnapshot?: (snapshot: LeaderboardSnapshot) => void;
  /**
   * After any of the namespace's events, the ones above and contest entries and team goals: what the
   * pages show beside the board (team totals, latest deals, contests, achievements) may have changed.
   */
  onActivity?: () => void;
  /**
   * The connection came back without the events sent while it was down (not recovered: the gap was
   * longer than the server keeps them, or the server restarted): refetch the board and the rest.
   */
  onResync?: () => void;
  /** The server refused this bundle's contract (schema_mismatch): reload to get the current one. */
  onStale?: () => void;
}

/** What the leaderboard pages read from the live layer. */
export interface LeaderboardLive extends LiveConnection {
  readonly lastUpdate: RankingUpdate | null;
  readonly achievements: readonly AchievementEvent[];
}

/** Options of the training wiring (the seed's useTrainingSocket). */
export interface TrainingLiveOptions {
  userId?: number;
  sessionId?: string;
  showToasts?: boolean;
  onXPGain?: (event: XPGainEvent) => void;
  onLevelUp?: (event: LevelUpEvent) => void;
  onRoleplayResponse?: (response: RoleplayResponse) => void;
  /** The user's streak changed or reached a milestone. */
  onStreak?: () => void;
  /** A quiz was completed or module progress moved (null), or progress was reported (the update). */
  onProgress?: (progress: TrainingProgress | null) => void;
  /** The connection came back without the events sent while it was down: refetch. */
  onResync?: () => void;
}

/** What the training page reads from the live layer. */
export interface TrainingLive extends LiveConnection {
  /** The coach is composing a roleplay reply. */
  readonly isTyping: boolean;
  /** Says something in the current roleplay session; resolves when the server stored it. */
  sendMessage(message: string): Promise<RoleplayMessageAck>;
  /** Reports how far the user is into a lesson (a quiz) of a module. */
  reportProgress(moduleId: string, lessonId: string, percentComplete: number): Promise<TrainingProgress>;
}

/** Options of the field chat wiring. */
export interface FieldLiveOptions {
  /** The user's conversation with Susan. */
  conversationId?: string;
  onReply?: (reply: SusanResponse) => void;
  /** The connection came back without the answers sent while it was down: refetch. */
  onResync?: () => void;
}

/** What the field chat reads from the live layer. */
export interface FieldLive extends LiveConnection {
  /** Susan is composing an answer. */
  readonly isTyping: boolean;
  /** Asks Susan; resolves when the server stored the question. */
  sendMessage(message: string): Promise<ChatMessageAck>;
}

/** Options of the main-namespace wiring: the user's notifications and everyone's announcements. */
export interface MainLiveOptions {
  userId?: number;
  onNotice?: (notice: Announcement) => void;
  onNotification?: (notification: Notification) => void;
  /** The connection came back without the notifications sent while it was down: refetch. */
  onResync?: () => void;
}

/** What the app shell reads from the main namespace. */
export interface MainLive extends LiveConnection {
  /** The unread count the server last reported, or null before it reported one. */
  readonly unreadCount: number | null;
  /** Marks notifications read; resolves with the unread count left. */
  markRead(ids: string[]): Promise<number>;
}
