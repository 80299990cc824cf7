// Drives the sales floor's real-time layer with the unmodified socket.io-client, signed in by the
// session cookie as a browser would be: connection refusals, room rules, what each user receives
// after a sale, roleplay and field chat over the socket, notifications and progress reports, and
// the sockets of a session that logs out.
// Observations go to stdout as JSON lines; a line on stdin lets the script go on after the Go test
// acted.
//
//   node client.mjs URL '{"ava": "cookie", …}' '{"ava": 1, …}' '{"avaSession": "rp-…", …}'
import { io } from 'socket.io-client';
import { createInterface } from 'node:readline';

const [url, cookiesJSON, idsJSON, sessionsJSON] = process.argv.slice(2);
const cookies = JSON.parse(cookiesJSON);
const ids = JSON.parse(idsJSON);
const sessions = JSON.parse(sessionsJSON);

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

const sockets = [];
const connect = (nsp, cookie) =>
  new Promise((resolve, reject) => {
    const socket = io(url + nsp, {
      transports: ['websocket'],
      extraHeaders: cookie ? { Cookie: cookie } : {},
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });

// Every event a socket receives, in order.
const record = (socket) => {
  const got = [];
  socket.onAny((event, payload) => got.push({ event, payload }));
  return got;
};

const until = async (what, cond) => {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  fail(new Error('timed out waiting for ' + what));
};
const ok = (ack) => (ack.ok ? 'ok' : ack.error.code);

for (const [name, cookie] of [['anonymous', undefined], ['badCookie', 'salesfloor_session=forged']]) {
  try {
    await connect('/leaderboard', cookie);
    report(name, 'connected');
  } catch (err) {
    report(name, { message: err.message, data: err.data });
  }
}

const ava = await connect('/leaderboard', cookies.ava);
const ben = await connect('/leaderboard', cookies.ben);
const tv = await connect('/leaderboard', cookies.tv);
const avaMain = await connect('/', cookies.ava);
const avaTraining = await connect('/training', cookies.ava);
const cyTraining = await connect('/training', cookies.cy);
const avaField = await connect('/field', cookies.ava);
const got = { ava: record(ava), ben: record(ben), tv: record(tv), avaMain: record(avaMain), avaTraining: record(avaTraining), avaField: record(avaField) };

report('joins', {
  ownUser: ok(await ava.emitWithAck('join:user', ids.ava)),
  otherUser: ok(await ava.emitWithAck('join:user', ids.ben)),
  ownTeam: ok(await ava.emitWithAck('join:team', ids.teamA)),
  otherTeam: ok(await ava.emitWithAck('join:team', ids.teamB)),
  contest: ok(await ava.emitWithAck('join:contest', ids.contest)),
  unknownContest: ok(await ava.emitWithAck('join:contest', 999)),
  benUser: ok(await ben.emitWithAck('join:user', ids.ben)),
  tvDisplay: ok(await tv.emitWithAck('join:tv-display')),
  tvContest: ok(await tv.emitWithAck('join:contest', ids.contest)),
  mainUser: ok(await avaMain.emitWithAck('join:user', ids.ava)),
  trainingUser: ok(await avaTraining.emitWithAck('join:user', ids.ava)),
  ownSession: ok(await avaTraining.emitWithAck('join:session', sessions.ava)),
  otherSession: ok(await avaTraining.emitWithAck('join:session', sessions.ben)),
  managerSession: ok(await cyTraining.emitWithAck('join:session', sessions.ava)),
  ownConversation: ok(await avaField.emitWithAck('join:conversation', 'field-' + ids.ava)),
  otherConversation: ok(await avaField.emitWithAck('join:conversation', 'field-' + ids.ben)),
});
await proceed(); // the Go test records a sale that takes Ava to #1

await until('the sale', () => got.ava.some((e) => e.event === 'rank:changed') && got.tv.some((e) => e.event === 'tv:update')
  && got.ben.some((e) => e.event === 'rankings:update') && got.avaMain.some((e) => e.event === 'notification:unread'));
await new Promise((r) => setTimeout(r, 100)); // anything sent to the wrong socket would have arrived
const names = (list) => list.map((e) => e.event);
report('afterSale', {
  ava: names(got.ava),
  ben: got.ben.map((e) => `${e.event}:${e.payload.userId}`),
  tv: names(got.tv),
  avaMain: names(got.avaMain),
  avaRank: got.ava.find((e) => e.event === 'rank:changed').payload,
  tvUpdate: got.tv.find((e) => e.event === 'tv:update').payload,
  notification: got.avaMain.find((e) => e.event === 'notification').payload,
});

const ack = await avaTraining.emitWithAck('roleplay:message', { sessionId: sessions.ava, message: 'Fair point. What would the $30K option include for you?' });
await until('the roleplay reply', () => got.avaTraining.filter((e) => e.event === 'roleplay:typing').length === 2);
report('roleplay', { ack, events: got.avaTraining.filter((e) => e.event.startsWith('roleplay:')) });
report('roleplayRefused', await avaTraining.emitWithAck('roleplay:message', { sessionId: sessions.ben, message: 'hi' }));

const chat = await avaField.emitWithAck('chat:message', { conversationId: 'field-' + ids.ava, message: 'How do I handle a price objection?' });
await until('Susan, then her typing indicator off', () => got.avaField.filter((e) => e.event === 'susan:typing').length === 2);
report('field', { ack: chat, events: got.avaField });
report('fieldRefused', await avaField.emitWithAck('chat:message', { conversationId: 'field-' + ids.ben, message: 'hi' }));

const notification = got.avaMain.find((e) => e.event === 'notification').payload;
report('read', await avaMain.emitWithAck('notification:read', { ids: [notification.id] }));
report('readBad', await avaMain.emitWithAck('notification:read', { ids: ['x'] }));

report('progress', await avaTraining.emitWithAck('progress:update', { moduleId: 'objections', lessonId: 'objections-101', percentComplete: 40 }));
report('progressBad', await avaTraining.emitWithAck('progress:update', { moduleId: 'objections', lessonId: 'closing-basics', percentComplete: 40 }));

// Ava logs out: the Go test ends her session; every socket opened with it is closed by the server.
const reasons = {};
for (const [name, s] of Object.entries({ ava, avaMain, avaTraining, avaField })) s.on('disconnect', (r) => (reasons[name] = r));
await proceed();
await until('the sign-out', () => Object.keys(reasons).length === 4);
report('signedOut', { reasons: Object.fromEntries(Object.entries(reasons).sort()), benConnected: ben.connected, tvConnected: tv.connected });
report('done', true);
for (const s of sockets) s.disconnect();
