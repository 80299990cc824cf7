// A Node socket.io 4.8 server on @socket.io/redis-streams-adapter 0.3, in a
// cluster with Go servers: argv is the Redis URL and the test's key prefix.
// It serves "/" and "/other" (event "join" joins the rooms it is given) and
// acts on the cluster when told to on stdin.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createClient } from 'redis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { fromWire, onCommand, report, toWire } from './lines.mjs';

const [redisURL, prefix] = process.argv.slice(2);
const redis = createClient({ url: redisURL });
redis.on('error', () => {});
await redis.connect();

const http = createServer();
const io = new Server(http, {
  adapter: createAdapter(redis, {
    streamName: prefix + 'stream',
    channelPrefix: prefix + 'ch',
    sessionKeyPrefix: prefix + 'session:',
    blockTimeInMs: 1000,
  }),
  connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
});
for (const nsp of [io.of('/'), io.of('/other')]) {
  nsp.on('connection', (socket) => {
    socket.data = { node: 'node', since: 'connect' };
    socket.on('join', (rooms, ack) => {
      socket.join(rooms);
      ack?.({ ok: true, data: true });
    });
  });
}

// select applies a command's rooms and flags to a broadcast operator.
const select = (cmd) => {
  let op = io.of(cmd.nsp ?? '/');
  if (cmd.to?.length) op = op.to(cmd.to);
  if (cmd.except?.length) op = op.except(cmd.except);
  if (cmd.volatile) op = op.volatile;
  return op;
};

onCommand(async (cmd) => {
  switch (cmd.op) {
    case 'emit':
      select(cmd).emit(cmd.event, ...fromWire(cmd.args ?? []));
      break;
    case 'fetch': {
      const sockets = await select(cmd).fetchSockets();
      report('sockets', sockets
        .map((s) => ({ id: s.id, rooms: [...s.rooms].sort(), data: s.data, address: s.handshake.address, auth: s.handshake.auth }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)));
      return;
    }
    case 'socketsJoin':
      select(cmd).socketsJoin(cmd.rooms);
      break;
    case 'disconnect':
      select(cmd).disconnectSockets(cmd.close ?? false);
      break;
    case 'count':
      report('count', (await select(cmd).fetchSockets()).length);
      return;
    default:
      throw new Error('unknown command ' + cmd.op);
  }
  // The adapter publishes asynchronously: give it a moment to reach Redis.
  await new Promise((r) => setTimeout(r, 50));
  report('done', cmd.op);
});

http.listen(0, '127.0.0.1', () => report('url', `http://127.0.0.1:${http.address().port}`));
