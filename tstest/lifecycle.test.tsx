// The hooks' lifecycle against the generated Go server: reconnection after a server restart,
// cleanup on unmount (no leaks over many cycles) and React StrictMode's double mount.
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  leaderboardNamespace,
  useLeaderboardSocket,
  type ConnectionState,
  type NamespaceDescriptor,
  type RankingUpdate,
} from '../generated/ts';
import { clientFor, collect, nextEvent, renderRealtime } from './support/render';
import { TestServer, type Json } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server?.stop());

function ranking(userId: number, newRank: number): Record<string, Json> {
  return { userId, userName: `User ${userId}`, previousRank: newRank + 1, newRank, metric: 'm', value: 1, timestamp: '2026-05-01T12:00:00Z' };
}

async function roomsOf(userId: number): Promise<string[][]> {
  return (await server.sockets('/leaderboard')).filter((s) => s.userId === userId).map((s) => s.rooms);
}

/** Every event a hook of desc subscribes to: its state's, callbacks' and toasts' events. */
function hookEvents(desc: NamespaceDescriptor): Set<string> {
  const events = new Set<string>();
  for (const s of desc.state) for (const e of s.kind === 'value' ? s.set.map((x) => x.on) : s.on) events.add(e);
  for (const c of desc.callbacks) for (const e of c.on) events.add(e);
  for (const t of desc.toasts) events.add(t.on);
  return events;
}

it('goes reconnecting then connected when the server restarts, and re-joins its rooms by itself', async () => {
  const states: ConnectionState[] = [];
  let resyncs = 0;
  const { result, unmount } = renderRealtime(server, () => {
    const r = useLeaderboardSocket({
      userId: 7,
      teamId: 5,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      onResync: () => resyncs++,
    });
    states.push(r.state);
    return r;
  }, { auth: { token: 'user:7:team:5' } });
  await waitFor(async () => expect(await roomsOf(7)).toEqual([expect.arrayContaining(['user:7', 'team:5'])]));
  states.length = 0;

  await server.restart();

  await waitFor(() => expect(result.current.connected).toBe(true), { timeout: 10_000 });
  // The new process has none of the old state: the app is told to refetch, once.
  expect(result.current.recovered).toBe(false);
  expect(resyncs).toBe(1);
  const reconnecting = states.indexOf('reconnecting');
  expect(reconnecting).toBeGreaterThanOrEqual(0);
  expect(states.slice(0, reconnecting)).not.toContain('disconnected');
  expect(states.lastIndexOf('connected')).toBeGreaterThan(reconnecting);
  // The new server process knows nothing of the old rooms: the hook joined them again.
  await waitFor(async () => expect(await roomsOf(7)).toEqual([expect.arrayContaining(['user:7', 'team:5'])]));
  const arrived = nextEvent<RankingUpdate>(result.current.on, 'rank:changed');
  await server.emit('/leaderboard', 'NotifyUserRankChange', [7], ranking(7, 1));
  expect((await arrived).newRank).toBe(1);
  expect(result.current.error).toBeNull();
  unmount();
});

it('recovers a dropped connection: the missed events arrive, recovered is true and no resync is asked', async () => {
  let resyncs = 0;
  const updates: number[] = [];
  const { result, unmount } = renderRealtime(server, () =>
    useLeaderboardSocket({
      userId: 17,
      // The reconnect waits long enough for the test to emit into the gap.
      reconnectionDelay: 600,
      reconnectionDelayMax: 600,
      randomizationFactor: 0,
      onRankingUpdate: (u) => updates.push(u.newRank),
      onResync: () => resyncs++,
    }),
    { auth: { token: 'user:17' } },
  );
  await waitFor(async () => expect(await roomsOf(17)).toEqual([expect.arrayContaining(['user:17'])]));
  const id = result.current.socket.id;
  result.current.socket.io.engine.close(); // the network drops: no DISCONNECT reaches the server
  await waitFor(async () => expect(await roomsOf(17)).toEqual([]));
  for (const rank of [3, 2, 1]) await server.emit('/leaderboard', 'NotifyUserRankChange', [17], ranking(17, rank));
  await waitFor(() => expect(result.current.recovered).toBe(true), { timeout: 5_000 });
  await waitFor(() => expect(updates).toEqual([3, 2, 1]));
  expect(result.current.socket.id).toBe(id);
  expect(result.current.lastUpdate?.newRank).toBe(1);
  expect(resyncs).toBe(0);
  unmount();
});

it('removes every listener, leaves its rooms and closes the socket on unmount, over 100 cycles', async () => {
  const client = clientFor(server, { token: 'user:57:team:5' });
  const conn = client.connection(leaderboardNamespace);
  const socketListeners = () =>
    ['connect', 'disconnect', 'connect_error', 'error', ...leaderboardNamespace.serverEvents].reduce(
      (n, e) => n + conn.socket.listeners(e).length,
      0,
    );
  const baseline = socketListeners();
  const onRankingUpdate = () => {};
  for (let i = 0; i < 100; i++) {
    const { result, unmount } = renderRealtime(server, () => useLeaderboardSocket({ userId: 57, teamId: 5, onRankingUpdate }), { client });
    // Every other cycle unmounts mid-handshake; the rest once connected with their rooms joined.
    if (i % 2 === 0) await waitFor(() => expect(result.current.connected).toBe(true));
    expect(conn.listenerCount()).toBe(hookEvents(leaderboardNamespace).size);
    unmount();
    expect(conn.listenerCount()).toBe(0);
    await new Promise((r) => setTimeout(r, 2)); // lets the deferred close run, so that the next cycle reconnects
    expect(conn.socket.connected).toBe(false);
  }
  expect(conn.heldRooms()).toEqual([]);
  expect(socketListeners()).toBe(baseline);
  await waitFor(async () => expect(await roomsOf(57)).toEqual([]));
  // The connection is still usable after all that.
  const { result, unmount } = renderRealtime(server, () => useLeaderboardSocket({ userId: 57 }), { client });
  await waitFor(async () => expect(await roomsOf(57)).toEqual([expect.arrayContaining(['user:57'])]));
  expect(result.current.connected).toBe(true);
  unmount();
  await waitFor(async () => expect(await roomsOf(57)).toEqual([]));
}, 60_000);

it('is safe under React StrictMode: one socket, each room joined once, each event delivered once', async () => {
  const client = clientFor(server, { token: 'user:47:team:5' });
  const conn = client.connection(leaderboardNamespace);
  const outgoing: string[] = [];
  conn.socket.onAnyOutgoing((event: string) => outgoing.push(event));
  const onRankingUpdate: RankingUpdate[] = [];
  const { result, unmount } = renderRealtime(
    server,
    () => useLeaderboardSocket({ userId: 47, teamId: 5, onRankingUpdate: (u) => onRankingUpdate.push(u) }),
    { client, strict: true },
  );
  await waitFor(async () => expect(await roomsOf(47)).toEqual([expect.arrayContaining(['user:47', 'team:5'])]));
  const ranks = collect<RankingUpdate>(result.current.on, 'rank:changed');
  await server.emit('/leaderboard', 'NotifyUserRankChange', [47], ranking(47, 2));
  await waitFor(() => expect(ranks.got).toHaveLength(1));
  const marker = nextEvent<RankingUpdate>(result.current.on, 'rankings:update');
  await server.emit('/leaderboard', 'BroadcastRankingUpdate', [], ranking(1, 1));
  await marker;
  expect(ranks.got).toHaveLength(1);
  expect(onRankingUpdate.map((u) => u.userId)).toEqual([47, 1]);
  expect(outgoing.filter((e) => e.startsWith('join:')).sort()).toEqual(['join:team', 'join:user']);
  expect(outgoing.filter((e) => e.startsWith('leave:'))).toEqual([]);
  expect(await roomsOf(47)).toHaveLength(1);
  ranks.off();
  unmount();
  await waitFor(async () => expect(await roomsOf(47)).toEqual([]));
});
