// The generated hooks against the generated Go server: connection, typed events, rooms joined from
// options, authorization, toasts and actions.
import { act, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  RealtimeError,
  useLeaderboardSocket,
  useSocket,
  useTrainingSocket,
  type LeaderboardSocketOptions,
  type RankingUpdate,
  type Toast,
} from '../generated/ts';
import { collect, nextEvent, renderRealtime } from './support/render';
import { TestServer, type Json } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server?.stop());

const alice = { token: 'user:7:team:5,6:roles:rep' };

function ranking(userId: number, newRank: number, at = '2026-05-01T12:30:45.123456789Z'): Record<string, Json> {
  return { userId, userName: `User ${userId}`, previousRank: newRank + 1, newRank, metric: 'yearlyRevenue', value: 150000.5, timestamp: at };
}

/** Broadcasts a rankings:update and waits for it: everything emitted before it has arrived by then. */
async function flush(on: Parameters<typeof nextEvent<RankingUpdate>>[0]) {
  const marker = nextEvent<RankingUpdate>(on, 'rankings:update');
  await server.emit('/leaderboard', 'BroadcastRankingUpdate', [], ranking(999, 1));
  await marker;
}

describe('connection', () => {
  it('reaches connected and reports the states it went through', async () => {
    const states: string[] = [];
    const { result, unmount } = renderRealtime(server, () => {
      const r = useSocket({ namespace: '/leaderboard' });
      states.push(r.state);
      return r;
    }, { auth: alice });
    await waitFor(() => expect(result.current.connected).toBe(true));
    expect(result.current.state).toBe('connected');
    expect(result.current.error).toBeNull();
    expect(states[0]).toBe('connecting');
    unmount();
  });

  it('surfaces a refused connection as a RealtimeError with the server code', async () => {
    const { result, unmount } = renderRealtime(server, () => useLeaderboardSocket(), { auth: {} });
    await waitFor(() => expect(result.current.state).toBe('error'));
    expect(result.current.error).toBeInstanceOf(RealtimeError);
    expect(result.current.error?.code).toBe('unauthorized');
    expect(result.current.connected).toBe(false);
    unmount();
  });

  it('delivers typed events with Date fields revived, through on and through the hook state', async () => {
    const onRankingUpdate = vi.fn();
    const { result, unmount } = renderRealtime(server, () => useLeaderboardSocket({ onRankingUpdate }), { auth: alice });
    await waitFor(() => expect(result.current.connected).toBe(true));
    const viaOn = nextEvent<RankingUpdate>(result.current.on, 'rankings:update');
    await server.emit('/leaderboard', 'BroadcastRankingUpdate', [], ranking(7, 3));
    const update = await viaOn;
    expect(update.timestamp).toBeInstanceOf(Date);
    expect(update.timestamp.toISOString()).toBe('2026-05-01T12:30:45.123Z');
    expect(update).toMatchObject({ userId: 7, newRank: 3, previousRank: 4, value: 150000.5 });
    await waitFor(() => expect(result.current.lastUpdate?.newRank).toBe(3));
    expect(result.current.lastUpdate?.timestamp).toBeInstanceOf(Date);
    expect(onRankingUpdate).toHaveBeenCalledTimes(1);
    expect(onRankingUpdate.mock.calls[0]?.[0].timestamp).toBeInstanceOf(Date);
    unmount();
  });

  it('keeps list state newest first', async () => {
    const { result, unmount } = renderRealtime(server, () => useLeaderboardSocket(), { auth: alice });
    await waitFor(() => expect(result.current.connected).toBe(true));
    for (const title of ['first', 'second']) {
      await server.emit('/leaderboard', 'CelebrateAchievement', [], {
        userId: 8, userName: 'Bob', achievementType: 'rank', title, description: '', timestamp: '2026-05-01T12:00:00Z',
      });
    }
    await waitFor(() => expect(result.current.achievements.map((a) => a.title)).toEqual(['second', 'first']));
    expect(result.current.achievements[0]?.timestamp).toBeInstanceOf(Date);
    unmount();
  });
});

describe('rooms', () => {
  it('joins the rooms its options name: room-targeted events arrive, others do not', async () => {
    const { result, unmount } = renderRealtime(server, () => useLeaderboardSocket({ userId: 7, teamId: 5 }), { auth: alice });
    await waitFor(() => expect(result.current.connected).toBe(true));
    await waitFor(async () => {
      const [me] = (await server.sockets('/leaderboard')).filter((s) => s.userId === 7);
      expect(me?.rooms).toEqual(expect.arrayContaining(['user:7', 'team:5']));
    });
    const ranks = collect<RankingUpdate>(result.current.on, 'rank:changed');
    const goals = collect<{ teamId: number }>(result.current.on, 'team:goal-reached');
    await server.emit('/leaderboard', 'NotifyUserRankChange', [8], ranking(8, 2));
    await server.emit('/leaderboard', 'NotifyUserRankChange', [7], ranking(7, 2));
    const goal = (teamId: number) => ({ teamId, teamName: `Team ${teamId}`, goalName: 'Q3', metric: 'revenue', target: 10, achieved: 12, reachedAt: '2026-05-01T00:00:00Z' });
    await server.emit('/leaderboard', 'NotifyTeamGoalReached', [6], goal(6));
    await server.emit('/leaderboard', 'NotifyTeam', [5], goal(5), 'team:goal-reached');
    await flush(result.current.on);
    expect(ranks.got.map((r) => r.userId)).toEqual([7]);
    expect(goals.got.map((g) => g.teamId)).toEqual([5]);
    unmount();
  });

  it('leaves the old team room and joins the new one when teamId changes', async () => {
    const { result, rerender, unmount } = renderRealtime(
      server,
      (props: LeaderboardSocketOptions) => useLeaderboardSocket(props),
      { auth: { token: 'user:17:team:5,6' }, initialProps: { userId: 17, teamId: 5 } },
    );
    const rooms = async () => (await server.sockets('/leaderboard')).find((s) => s.userId === 17)?.rooms ?? [];
    await waitFor(async () => expect(await rooms()).toContain('team:5'));
    rerender({ userId: 17, teamId: 6 });
    await waitFor(async () => {
      const now = await rooms();
      expect(now).toContain('team:6');
      expect(now).not.toContain('team:5');
    });
    expect(await rooms()).toContain('user:17');
    const goals = collect<{ teamId: number }>(result.current.on, 'team:goal-reached');
    for (const teamId of [5, 6]) {
      await server.emit('/leaderboard', 'NotifyTeamGoalReached', [teamId], { teamId, teamName: 'T', goalName: 'G', metric: 'm', target: 1, achieved: 1, reachedAt: '2026-05-01T00:00:00Z' });
    }
    await flush(result.current.on);
    expect(goals.got.map((g) => g.teamId)).toEqual([6]);
    unmount();
  });

  it('refuses another user\'s room and reports it as a forbidden RealtimeError on the hook', async () => {
    const { result, unmount } = renderRealtime(server, () => useLeaderboardSocket({ userId: 8 }), { auth: alice });
    await waitFor(() => expect(result.current.error).not.toBeNull());
    const err = result.current.error!;
    expect(err).toBeInstanceOf(RealtimeError);
    expect(err.code).toBe('forbidden');
    expect(err.room).toBe('user:8');
    expect(err.event).toBe('join:user');
    expect(result.current.connected).toBe(true);
    const ranks = collect<RankingUpdate>(result.current.on, 'rank:changed');
    await server.emit('/leaderboard', 'NotifyUserRankChange', [8], ranking(8, 1));
    await flush(result.current.on);
    expect(ranks.got).toEqual([]);
    const me = (await server.sockets('/leaderboard')).find((s) => s.userId === 7);
    expect(me?.rooms).not.toContain('user:8');
    unmount();
  });
});

describe('toasts', () => {
  it('notifies only for the current user\'s own events, and only with showToasts', async () => {
    const toasts: Toast[] = [];
    const { result, rerender, unmount } = renderRealtime(
      server,
      (props: LeaderboardSocketOptions) => useLeaderboardSocket(props),
      { auth: { token: 'user:27:team:5' }, notify: (t) => toasts.push(t), initialProps: { userId: 27, teamId: 5, showToasts: true } },
    );
    await waitFor(async () => {
      const me = (await server.sockets('/leaderboard')).find((s) => s.userId === 27);
      expect(me?.rooms).toEqual(expect.arrayContaining(['user:27', 'team:5']));
    });
    // Own rank change: a toast. Someone else's (even if sent to this user's room): none.
    await server.emit('/leaderboard', 'NotifyUserRankChange', [27], ranking(27, 3));
    await server.emit('/leaderboard', 'NotifyUserRankChange', [27], ranking(28, 1));
    // Broadcasts carry other users' events: no toast, even for a toasting event type.
    await server.emit('/leaderboard', 'BroadcastRankingUpdate', [], ranking(27, 2));
    await flush(result.current.on);
    expect(toasts.map((t) => [t.event, t.title, t.description])).toEqual([
      ['rank:changed', 'You moved to #3', 'yearlyRevenue: was #4'],
    ]);
    expect((toasts[0]?.payload as RankingUpdate).timestamp).toBeInstanceOf(Date);
    rerender({ userId: 27, teamId: 5, showToasts: false });
    await server.emit('/leaderboard', 'NotifyUserRankChange', [27], ranking(27, 1));
    await flush(result.current.on);
    expect(toasts).toHaveLength(1);
    unmount();
  });
});

describe('actions', () => {
  it('sendMessage reaches the Go handler with the session id filled in and resolves with the typed ack', async () => {
    const fixtures = await server.fixtures();
    const ackFixture = fixtures.namespaces.find((n) => n.name === '/training')!.clientEvents.find((e) => e.event === 'roleplay:message')!.ack as Record<string, string>;
    const { result, unmount } = renderRealtime(server, () => useTrainingSocket({ userId: 7, sessionId: 'abc' }), { auth: alice });
    await waitFor(() => expect(result.current.connected).toBe(true));
    let ack: Awaited<ReturnType<typeof result.current.sendMessage>> | undefined;
    await act(async () => {
      ack = await result.current.sendMessage('Hello, I need help with objection handling');
    });
    expect(ack?.messageId).toBe(ackFixture.messageId);
    expect(ack?.receivedAt).toBeInstanceOf(Date);
    expect(ack?.receivedAt.getTime()).toBe(Date.parse(ackFixture.receivedAt!));
    const got = (await server.received()).filter((r) => r.event === 'roleplay:message' && r.userId === 7);
    expect(got.at(-1)?.payload).toEqual({ sessionId: 'abc', message: 'Hello, I need help with objection handling' });
    unmount();
  });

  it('a refused action rejects with the server\'s error and sets error on the hook', async () => {
    // No sessionId option: the payload lacks a required field, which the server refuses.
    const { result, unmount } = renderRealtime(server, () => useTrainingSocket({ userId: 7 }), { auth: alice });
    await waitFor(() => expect(result.current.connected).toBe(true));
    let caught: unknown;
    await act(async () => {
      await result.current.sendMessage('hi').catch((e: unknown) => (caught = e));
    });
    expect(caught).toBeInstanceOf(RealtimeError);
    expect((caught as RealtimeError).code).toBe('bad_request');
    await waitFor(() => expect(result.current.error?.code).toBe('bad_request'));
    unmount();
  });

  it('derived state follows the schema: totalXP, currentLevel, isTyping', async () => {
    const { result, unmount } = renderRealtime(server, () => useTrainingSocket({ userId: 37, sessionId: 's-37' }), { auth: { token: 'user:37' } });
    await waitFor(async () => {
      const me = (await server.sockets('/training')).find((s) => s.userId === 37);
      expect(me?.rooms).toEqual(expect.arrayContaining(['user:37', 'session:s-37']));
    });
    expect([result.current.totalXP, result.current.currentLevel, result.current.isTyping]).toEqual([0, 1, false]);
    await server.emit('/training', 'NotifyXPGain', [], { userId: 37, userName: 'U', amount: 50, source: 'Quiz: q1', newTotal: 1250, timestamp: '2026-05-01T00:00:00Z' });
    await server.emit('/training', 'NotifyLevelUp', [], { userId: 37, userName: 'U', previousLevel: 4, newLevel: 5, totalXP: 1300, timestamp: '2026-05-01T00:00:01Z' });
    await server.emit('/training', 'SendRoleplayTyping', [], { sessionId: 's-37', isTyping: true });
    await waitFor(() => expect([result.current.totalXP, result.current.currentLevel, result.current.isTyping]).toEqual([1300, 5, true]));
    await server.emit('/training', 'SendRoleplayResponse', ['s-37'], { message: 'Fine, tell me more.' });
    await waitFor(() => expect(result.current.isTyping).toBe(false));
    unmount();
  });
});
