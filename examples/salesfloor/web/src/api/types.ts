// Types of the sales floor's HTTP JSON API (examples/salesfloor/internal/api). Times arrive as
// RFC 3339 strings.

export type Role = 'rep' | 'manager' | 'admin' | 'display';

export interface LevelView {
  level: number;
  totalXP: number;
  floor: number;
  next: number;
  fraction: number;
}

export interface StreakView {
  days: number;
  longest: number;
  last: string;
  activeToday: boolean;
  nextMilestone: number;
}

export interface Earned {
  userId: number;
  userName: string;
  achievementType: 'rank' | 'milestone' | 'streak' | 'contest';
  title: string;
  description: string;
  icon: string;
  rarity: 'common' | 'rare' | 'epic' | 'legendary';
  timestamp: string;
}

export interface Profile {
  id: number;
  name: string;
  email: string;
  title: string;
  role: Role;
  teamId: number;
  teamName: string;
  teamColor: string;
  rank: number;
  rankedOf: number;
  revenue: number;
  deals: number;
  level: LevelView;
  streak: StreakView;
  achievements: Earned[];
  /** The user's conversation with Susan (the /field room they may join). */
  conversationId: string;
}

export interface LeaderboardRow {
  rank: number;
  userId: number;
  userName: string;
  teamId: number;
  teamName: string;
  teamColor: string;
  value: number;
  deals: number;
  online?: boolean;
}

export interface Leaderboard {
  metric: string;
  period: string;
  updatedAt: string;
  rows: LeaderboardRow[];
}

export interface Sale {
  id: number;
  userId: number;
  userName: string;
  teamId: number;
  teamName: string;
  amount: number;
  customer: string;
  product: string;
  timestamp: string;
}

export interface AchievementWire {
  event: {
    userId: number;
    userName: string;
    achievementType: Earned['achievementType'];
    title: string;
    description: string;
    icon?: string;
    timestamp: string;
  };
  rarity: Earned['rarity'];
  public: boolean;
}

export interface SaleOutcome {
  sale: Sale;
  previousRank: number;
  newRank: number;
  achievements: AchievementWire[];
  teamGoal?: { teamId: number; teamName: string; goal: number; total: number };
}

export interface Team {
  id: number;
  name: string;
  color: string;
  goal: number;
  total: number;
  progress: number;
  reachedAt?: string;
}

export interface ContestEntry {
  contestId: number;
  contestName: string;
  entryId: number;
  userId: number;
  userName: string;
  points: number;
  note: string;
  total: number;
  rank: number;
  timestamp: string;
}

export interface Contest {
  id: number;
  name: string;
  description: string;
  startsAt: string;
  endsAt: string;
  active: boolean;
  pointsPerThousand: number;
  standings: { rank: number; userId: number; userName: string; points: number; entries: number }[];
  recent: ContestEntry[];
}

export interface ModuleProgress {
  moduleId: string;
  moduleTitle: string;
  completed: number;
  total: number;
  percent: number;
}

export interface QuizSummary {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  questions: number;
  bestScore: number;
}

export interface ModuleView {
  id: string;
  title: string;
  summary: string;
  progress: ModuleProgress;
  quizzes: QuizSummary[];
}

export interface Scenario {
  id: string;
  objection: 'price' | 'timing' | 'competitor' | 'authority' | 'need';
  title: string;
  buyer: string;
  brief: string;
}

export interface QuizResult {
  quizId: string;
  quizTitle: string;
  score: number;
  correct: number;
  total: number;
  passed: boolean;
  xpEarned: number;
  timestamp: string;
}

export interface TrainingView {
  level: LevelView;
  streak: StreakView;
  modules: ModuleView[];
  scenarios: Scenario[];
  recent: QuizResult[];
}

export interface QuizQuestions {
  id: string;
  moduleId: string;
  title: string;
  summary: string;
  minutes: number;
  questions: { id: string; prompt: string; options: string[] }[];
}

export interface XPGain {
  amount: number;
  source: string;
  newTotal: number;
}

export interface LevelUp {
  previousLevel: number;
  newLevel: number;
  totalXP: number;
  rewards?: { badges?: string[]; unlocks?: string[] };
}

export interface QuizOutcome {
  result: QuizResult;
  xp: XPGain;
  levelUp?: LevelUp;
  progress: ModuleProgress;
  review: { questionId: string; chosen: number; answer: number; correct: boolean; explanation: string }[];
}

export interface RoleplayLine {
  id: number;
  speaker: 'rep' | 'buyer' | 'coach';
  message: string;
  score?: number;
  feedback?: string;
  techniques?: string[];
  timestamp: string;
}

export interface RoleplaySession {
  sessionId: string;
  scenario: Scenario;
  done: boolean;
  messages: RoleplayLine[];
}

export interface RoleplayReply {
  sessionId: string;
  messageId: number;
  message: string;
  metadata: { score: number; feedback: string; techniques?: string[]; done?: boolean };
  timestamp: string;
}

export interface RoleplayOutcome {
  sent: RoleplayLine;
  reply: RoleplayReply;
  speaker: 'buyer' | 'coach';
  xp?: XPGain;
  levelUp?: LevelUp;
}

export interface FieldMessage {
  id: number;
  userId: number;
  author: 'user' | 'susan';
  message: string;
  suggestions?: string[];
  timestamp: string;
}

export interface DemoLogin {
  email: string;
  name: string;
  role: Role;
  title: string;
  team?: string;
}

export interface CheckIn {
  counted: boolean;
  streak: { days: number; longest: number; nextMilestone: number; broken: boolean };
  milestone?: { days: number; bonusXP: number };
  levelUp?: LevelUp;
}

/** A notification in the user's inbox (GET /api/notifications). */
export interface InboxItem {
  id: number;
  userId: number;
  level: 'info' | 'success' | 'warning';
  title: string;
  message: string;
  link?: string;
  createdAt: string;
  read: boolean;
}

export interface Inbox {
  unread: number;
  items: InboxItem[];
}
