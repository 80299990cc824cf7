// Drives the generated seed server with the unmodified socket.io-client:
// joins rooms the rules allow and refuse, receives room-targeted events,
// sends typed client events, valid and invalid. Observations go to stdout as
// JSON lines; a line on stdin lets the script go on after the Go test acted.
import { connect, proceed, report, until } from './script.mjs';

// Every event a socket receives, in order.
const record = (socket) => {
  const got = [];
  socket.onAny((event, payload) => got.push({ event, payload }));
  return got;
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
