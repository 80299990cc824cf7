// Type-level expectations of the client generated from schema/events.yaml: what the hooks infer,
// and what they refuse (@ts-expect-error fails the compile when the line it marks compiles).
import {
  AchievementType,
  leaderboardRooms,
  RealtimeError,
  Role,
  trainingRooms,
  useFieldChatSocket,
  useLeaderboardSocket,
  useNotificationsSocket,
  useSocket,
  useTrainingSocket,
  type AchievementEvent,
  type ChatMessageAck,
  type ConnectionState,
  type GeoPoint,
  type LeaderboardSnapshot,
  type Notification,
  type RankingUpdate,
  type RoleplayMessageAck,
  type RoleplayResponse,
  type SusanResponse,
  type TrainingProgress,
  type UnreadCount,
  type XPGainEvent,
} from '../../../../generated/ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

export function Leaderboard() {
  const lb = useLeaderboardSocket({ userId: 7, teamId: null, tvDisplay: true, showToasts: true });
  expectType<Equal<typeof lb.lastUpdate, RankingUpdate | null>>();
  expectType<Equal<typeof lb.achievements, AchievementEvent[]>>();
  expectType<Equal<typeof lb.connected, boolean>>();
  expectType<Equal<typeof lb.state, ConnectionState>>();
  expectType<Equal<typeof lb.error, RealtimeError | null>>();
  lb.on('rankings:update', (u) => {
    expectType<Equal<typeof u, RankingUpdate>>();
    expectType<Equal<typeof u.timestamp, Date>>();
  });
  lb.on('leaderboard:refresh', (s) => expectType<Equal<typeof s, LeaderboardSnapshot>>());
  // @ts-expect-error: xp:gained is an event of /training
  lb.on('xp:gained', () => {});
  lb.emit('join:user', 5);
  lb.emit('leave:tv-display');
  // @ts-expect-error: join:user needs the user id
  lb.emit('join:user');
  // @ts-expect-error: the user id is a number
  lb.emit('join:user', '5');
  // The raw socket sees the wire: times are strings, acks are envelopes.
  lb.socket.on('rank:changed', (u) => expectType<Equal<typeof u.timestamp, string>>());
  lb.socket.emit('join:team', 5, (res) => {
    if (!res.ok) expectType<Equal<typeof res.error.message, string>>();
  });
  // @ts-expect-error: userId is a number
  useLeaderboardSocket({ userId: '7' });
  // @ts-expect-error: moduleId is an option of useTrainingSocket
  useLeaderboardSocket({ moduleId: 'mod-1' });
  // @ts-expect-error: a callback receives the payload
  useLeaderboardSocket({ onRankingUpdate: (u: XPGainEvent) => u });
  expectType<Equal<ReturnType<typeof leaderboardRooms.user>, `user:${number}`>>();
  expectType<Equal<ReturnType<typeof leaderboardRooms.tvDisplay>, 'tv-display'>>();
  expectType<Equal<ReturnType<typeof trainingRooms.session>, `session:${string}`>>();
  const roles: Role[] = [Role.Admin, 'rep'];
  const kind: AchievementType = AchievementType.Milestone;
  return <div>{roles.join(',') + kind}</div>;
}

export function Training() {
  const tr = useTrainingSocket({ userId: 7, sessionId: 'abc', moduleId: 'mod-1' });
  expectType<Equal<typeof tr.totalXP, number>>();
  expectType<Equal<typeof tr.currentLevel, number>>();
  expectType<Equal<typeof tr.isTyping, boolean>>();
  expectType<Equal<typeof tr.sendMessage, (message: string) => Promise<RoleplayMessageAck>>>();
  expectType<Equal<typeof tr.stopTyping, () => void>>();
  expectType<Equal<Awaited<ReturnType<typeof tr.reportProgress>>, TrainingProgress>>();
  tr.emitWithAck('roleplay:message', { sessionId: 'abc', message: 'hi' }).then((ack) => {
    expectType<Equal<typeof ack, RoleplayMessageAck>>();
    expectType<Equal<typeof ack.receivedAt, Date>>();
  });
  // @ts-expect-error: roleplay:message needs its payload
  tr.emit('roleplay:message');
  // @ts-expect-error: a message is a string
  tr.sendMessage(42);
  useTrainingSocket({ onRoleplayResponse: (r) => expectType<Equal<typeof r, RoleplayResponse>>() });
  return null;
}

export function Field() {
  const f = useFieldChatSocket({ conversationId: 'conv-1' });
  expectType<Equal<typeof f.sendMessage, (message: string, location?: GeoPoint) => Promise<ChatMessageAck>>>();
  expectType<Equal<typeof f.responses, SusanResponse[]>>();
  const n = useNotificationsSocket({ userId: 7 });
  expectType<Equal<typeof n.notifications, Notification[]>>();
  expectType<Equal<typeof n.unreadCount, number>>();
  expectType<Equal<Awaited<ReturnType<typeof n.markRead>>, UnreadCount>>();
  return null;
}

export function GenericSocket() {
  const main = useSocket();
  main.on('notification', (x) => expectType<Equal<typeof x, Notification>>());
  const training = useSocket({ namespace: '/training', reconnectionDelay: 100 });
  training.on('xp:gained', (x) => expectType<Equal<typeof x, XPGainEvent>>());
  // @ts-expect-error: rankings:update is an event of /leaderboard
  training.on('rankings:update', () => {});
  // @ts-expect-error: no such namespace
  useSocket({ namespace: '/nope' });
  return null;
}
