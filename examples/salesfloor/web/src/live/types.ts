// What the pages need from the real-time layer. Payloads are the generated SDK's own types (from
// schema/events.yaml, time fields as Date); the options and results are the seed's hook shapes,
// which live/wiring.tsx maps onto the generated hooks.
import type {
  AchievementEvent,
  Announcement,
  ConnectionState,
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
  /** An achievement: the user's own, or a public celebration. */
  onAchievement?: (achievement: AchievementEvent) => void;
  /** The TV displays' update after a sale (TV displays only). */
  onTVUpdate?: (update: TVDisplayUpdate) => void;
  /**
   * Anything else that changes what the board shows (TV update, full refresh, contest entry, team
   * goal), and the connection coming back after a drop, when events may have been missed.
   */
  onBoardChanged?: () => void;
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
  /** The connection came back after a drop: events may have been missed. */
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
  /** The connection came back after a drop: answers may have been missed. */
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
  /** The connection came back after a drop: notifications may have been missed. */
  onResync?: () => void;
}

/** What the app shell reads from the main namespace. */
export interface MainLive extends LiveConnection {
  /** The unread count the server last reported, or null before it reported one. */
  readonly unreadCount: number | null;
  /** Marks notifications read; resolves with the unread count left. */
  markRead(ids: string[]): Promise<number>;
}
