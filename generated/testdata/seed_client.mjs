// Drives the generated seed server with the unmodified socket.io-client:
// joins rooms the rules allow and refuse, receives room-targeted events,
// sends typed client events, valid and invalid. Observations go to stdout as
// JSON lines; a line on stdin lets the script go on after the Go test acted.
import { io } from 'socket.io-client';
import { createInterface } from 'node:readline';

const url = process.argv[2];
const stdin = createInterface({ input: process.stdin });
const waiting = [];
stdin.on('line', () => waiting.shift()?.());
const proceed = () => new Promise((resolve) => waiting.push(resolve));
const report = (t, v) => process.stdout.write(JSON.stringify({ t, v }) + '\n');
const fail = (err) => {
  report('fail', String(err?.stack ?? err));
  process.exit(1);
};
process.on('unhandledRejection', fail);

const connect = (nsp, token) =>
  new Promise((resolve, reject) => {
    const socket = io(url + nsp, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true, reconnection: false });
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });

// Every event a socket receives, in order.
const record = (socket) => {
  const got = [];
  socket.onAny((event, payload) => got.push({ event, payload }));
  return got;
};

const until = async (cond) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

try {
  await connect('/leaderboard');
  report('anonymous', 'connected');
} catch (err) {
  report('anonymous', { message: err.message, data: err.data });
}

const alice = await connect('/leaderboard', 'alice');
const bob = await connect('/leaderboard', 'bob');
const aliceGot = record(alice);
const bobGot = record(bob);
report('joins', {
  aliceOwnRoom: await alice.emitWithAck('join:user', 7),
  aliceBobsRoom: await alice.emitWithAck('join:user', 8),
  aliceTeam: await alice.emitWithAck('join:team', 5),
  aliceOtherTeam: await alice.emitWithAck('join:team', 9),
  bobOwnRoom: await bob.emitWithAck('join:user', 8),
  bobTv: await bob.emitWithAck('join:tv-display'),
  badParam: await alice.emitWithAck('join:user', 'seven'),
});
await proceed(); // the Go test emits to the rooms
await until(() => aliceGot.some((e) => e.event === 'rankings:update') && bobGot.some((e) => e.event === 'rankings:update'));
report('alice', aliceGot);
report('bob', bobGot);

const trainer = await connect('/training', 'alice');
const errors = [];
trainer.on('error', (e) => errors.push(e));
report('roleplay', await trainer.emitWithAck('roleplay:message', { sessionId: 's-1', message: 'The price is too high.' }));
report('invalid', await trainer.emitWithAck('roleplay:message', { sessionId: '', message: 'x'.repeat(4001) }));
report('missing', await trainer.emitWithAck('roleplay:message', { message: 'no session' }));
report('wrongType', await trainer.emitWithAck('roleplay:message', { sessionId: 5, message: 'hi' }));
trainer.emit('roleplay:stop-typing', {});
await until(() => errors.length > 0);
report('errorEvent', errors);
report('done', true);
for (const s of [alice, bob, trainer]) s.disconnect();
