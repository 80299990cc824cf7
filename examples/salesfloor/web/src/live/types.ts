// What the pages need from the real-time layer. These are the seed's payloads and connection states;
// the hooks generated from schema/events.yaml return supersets of these shapes (time fields as
// Date), so pages depend on this contract and not on one SDK build.

/** The connection states the seed names. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'reconnecting' | 'error';

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

export interface RankingUpdate {
  userId: number;
  userName: string;
  previousRank: number;
  newRank: number;
  metric: string;
  value: number;
  timestamp: Date;
}

export interface AchievementEvent {
  userId: number;
  userName: string;
  achievementType: 'rank' | 'milestone' | 'streak' | 'contest';
  title: string;
  description: string;
  icon?: string;
  timestamp: Date;
}

export interface XPGainEvent {
  userId: number;
  userName: string;
  amount: number;
  source: string;
  newTotal: number;
  timestamp: Date;
}

export interface LevelUpEvent {
  userId: number;
  userName: string;
  previousLevel: number;
  newLevel: number;
  totalXP: number;
  rewards?: { badges?: string[]; unlocks?: string[] };
  timestamp: Date;
}

export interface StreakUpdate {
  userId: number;
  days: number;
  longest?: number;
  nextMilestone?: number;
  timestamp: Date;
}

export interface RoleplayResponse {
  sessionId?: string;
  messageId?: number;
  message: string;
  metadata?: { score?: number; feedback?: string; techniques?: string[]; done?: boolean };
  timestamp?: Date;
}

export interface FieldReply {
  id: number;
  userId: number;
  author: 'user' | 'susan';
  message: string;
  suggestions?: string[];
  timestamp: Date;
}

export interface Notice {
  title: string;
  message: string;
  level: 'info' | 'success' | 'warning';
  timestamp: Date;
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
  /** Anything else that changes what the board shows (TV update, full refresh, contest entry, team goal). */
  onBoardChanged?: () => void;
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
  moduleId?: string;
  showToasts?: boolean;
  onXPGain?: (event: XPGainEvent) => void;
  onLevelUp?: (event: LevelUpEvent) => void;
  onStreak?: (event: StreakUpdate) => void;
  onRoleplayResponse?: (response: RoleplayResponse) => void;
  /** Quiz completions and module progress. */
  onProgress?: () => void;
}

/** What the training page reads from the live layer. */
export interface TrainingLive extends LiveConnection {
  readonly isTyping: boolean;
}

/** Options of the field chat wiring. */
export interface FieldLiveOptions {
  userId?: number;
  onReply?: (reply: FieldReply) => void;
}

/** What the field chat reads from the live layer. */
export interface FieldLive extends LiveConnection {
  readonly isTyping: boolean;
}

/** Options of the main-namespace wiring: global notices. */
export interface MainLiveOptions {
  onNotice?: (notice: Notice) => void;
}

/** A toast for one of the user's own events (the generated RealtimeProvider's notifier). */
export interface LiveToast {
  readonly title: string;
  readonly description?: string;
}
