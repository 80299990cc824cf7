// A TV display's socket, signed in by cookie, whose network drops while a sale is recorded: with
// the unmodified socket.io-client, it reports whether the reconnect recovered the connection state
// and which TV updates it got after the drop. Observations go to stdout as JSON lines; a line on
// stdin lets the script go on after the Go test acted.
//
//   node recover.mjs URL COOKIE
import { io } from 'socket.io-client';
import { createInterface } from 'node:readline';

const [url, cookie] = process.argv.slice(2);
const stdin = createInterface({ input: process.stdin });
const waiting = [];
stdin.on('line', () => waiting.shift()?.());
const proceed = () => new Promise((resolve) => waiting.push(resolve));
const report = (t, v) => process.stdout.write(JSON.stringify({ t, v }) + '\n');
process.on('unhandledRejection', (err) => {
  report('fail', String(err?.stack ?? err));
  process.exit(1);
});

// Reconnects only when told to, so that the test controls the gap.
const socket = io(url + '/leaderboard', {
  transports: ['websocket'],
  extraHeaders: { Cookie: cookie },
  forceNew: true,
  reconnection: false,
});
const connected = () =>
  new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
    socket.connect();
  });
const headlines = [];
socket.on('tv:update', (u) => headlines.push(u.headline));

await connected();
const firstID = socket.id;
const joined = await socket.emitWithAck('join:tv-display');
report('joined', joined.ok);

// Closes the transport without a DISCONNECT packet: a lost network, as the server sees it.
await new Promise((resolve) => {
  socket.once('disconnect', resolve);
  socket.io.engine.close();
});
headlines.length = 0;
report('dropped', true);
await proceed(); // the test records a sale meanwhile
await connected();
const recovered = socket.recovered === true;
// A socket that starts afresh is in no room: the display joins again (the generated hooks always do).
await socket.emitWithAck('join:tv-display');
report('back', { recovered, sameID: socket.id === firstID });
await proceed(); // the test records another sale, with customer After Co, now that it is back
for (let i = 0; i < 500 && !headlines.some((h) => h.includes('After Co')); i++) await new Promise((r) => setTimeout(r, 10));
report('headlines', headlines);
socket.disconnect();
