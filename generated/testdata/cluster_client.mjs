// Drives sockets of the generated seed server spread over the nodes of a
// cluster, with the unmodified socket.io-client. argv[2] is the plan: for
// each socket its name, server URL, namespace, token and the joins it makes
// ([event, argument]). The script connects and joins them all and reports
// "ready"; then, for each line on stdin ({"counts": {name: n}}), it waits
// until every socket has received its count of events (and a moment for
// extra ones), and reports them all, offsets of recovery left out. It
// reports each socket that the server disconnects.
import { io } from 'socket.io-client';
import { createInterface } from 'node:readline';

const report = (t, v) => process.stdout.write(JSON.stringify({ t, v }) + '\n');
process.on('unhandledRejection', (err) => {
  report('fail', String(err?.stack ?? err));
  process.exit(1);
});

const plan = JSON.parse(process.argv[2]);
const sockets = {};
const received = {};
for (const p of plan) {
  const socket = io(p.url + p.nsp, { transports: ['websocket'], auth: { token: p.token }, forceNew: true, reconnection: false });
  received[p.name] = [];
  socket.onAny((event, ...args) => {
    if (typeof args.at(-1) === 'string' && /^\d+-\d+$/.test(args.at(-1))) args.pop();
    received[p.name].push({ event, payload: args[0] ?? null });
  });
  socket.on('disconnect', (reason) => report('disconnected', { name: p.name, reason }));
  await new Promise((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  for (const [event, arg] of p.joins) {
    const ack = arg === null ? await socket.emitWithAck(event) : await socket.emitWithAck(event, arg);
    if (!ack.ok) throw new Error(`${p.name}: ${event} ${arg}: ${JSON.stringify(ack)}`);
  }
  sockets[p.name] = socket;
}
report('ready', true);

const until = async (cond) => {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};
createInterface({ input: process.stdin })
  .on('line', async (line) => {
    const { counts } = JSON.parse(line);
    await until(() => Object.entries(counts).every(([name, n]) => received[name].length >= n));
    await new Promise((r) => setTimeout(r, 200));
    const out = {};
    for (const name of Object.keys(received)) out[name] = received[name].splice(0);
    report('received', out);
  })
  .on('close', () => process.exit(0));
