// Drives the generated seed server with recovery on: a socket loses its
// transport, its principal's rights change meanwhile, and it comes back.
// Observations go to stdout as JSON lines; a line on stdin lets the script
// go on after the Go test acted.
import { io } from 'socket.io-client';
import { proceed, report, until, url } from './script.mjs';

// A socket that reconnects only when told to, so the test controls the gap.
const open = (token) =>
  io(url + '/leaderboard', { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
const connected = (socket) =>
  new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
    socket.connect();
  });
// Closes the transport without a DISCONNECT packet: a lost network, as the server sees it.
const drop = (socket) =>
  new Promise((resolve) => {
    socket.once('disconnect', resolve);
    socket.io.engine.close();
  });
const record = (socket) => {
  const got = [];
  socket.onAny((event, payload) => got.push(`${event} ${payload.userId ?? payload.teamId ?? payload.metric}`));
  return got;
};

// Alice is in her own room, her team's and the TV room when her link drops.
const alice = open('alice');
const aliceGot = record(alice);
await connected(alice);
const firstID = alice.id;
await alice.emitWithAck('join:user', 7);
await alice.emitWithAck('join:team', 5);
await alice.emitWithAck('join:tv-display');
await drop(alice);
report('aliceDropped', true);
await proceed(); // the Go test takes team 5 from her and emits to each room
await connected(alice);
report('aliceBack', { recovered: alice.recovered, sameID: alice.id === firstID });
await proceed(); // the Go test emits to each room again
await until(() => aliceGot.includes('rankings:update 0'));
report('aliceGot', aliceGot);

// Carol is signed out while her link is down: her reconnection is refused,
// and once she signs in again she starts afresh.
const carol = open('carol');
await connected(carol);
await carol.emitWithAck('join:user', 9);
await drop(carol);
report('carolDropped', true);
await proceed(); // the Go test signs her out
try {
  await connected(carol);
  report('carolRefused', 'connected');
} catch (err) {
  report('carolRefused', err.data);
}
await proceed(); // the Go test signs her in again
await connected(carol);
report('carolBack', { recovered: carol.recovered });
for (const s of [alice, carol]) s.disconnect();
