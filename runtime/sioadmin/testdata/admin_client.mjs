// The Admin UI's side of the protocol, played with the unmodified npm
// socket.io-client the way the UI (@socket.io/admin-ui 0.5) uses it, against
// the Go server of admin_test.go:
//
//   node admin_client.mjs <url> <scenario>
//
// Observations are JSON lines {"t": name, "v": value} on stdout; the script
// waits for a line on stdin wherever the Go test checks the server. On any
// failure it prints {"t":"fail","v":<message>} and exits 1.
import { io, Manager } from 'socket.io-client';
import { createInterface } from 'node:readline';

const [, , url, scenario] = process.argv;
const report = (t, v) => process.stdout.write(JSON.stringify({ t, v: v ?? null }) + '\n');
const stdin = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const proceed = async () => {
  if ((await stdin.next()).done) throw new Error('stdin closed');
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const once = (emitter, event, ms = 5000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
const connected = (socket) => (socket.connected ? Promise.resolve() : once(socket, 'connect'));

/** An application client of /chat, signed in as name. */
const chat = (name, transports, extra = {}) =>
  io(url + '/chat', { transports, auth: { name }, forceNew: true, reconnection: false, ...extra });

/**
 * An admin socket as the UI opens it (App.vue's tryConnect), recording every event it receives in
 * order; next(event, pred) resolves with the arguments of the first one not yet taken that
 * matches.
 */
function admin(auth) {
  // WebSocket only (the UI's option) keeps the transport counts fixed; the upgrade is Dee's.
  const socket = io(url + '/admin', { auth, forceNew: true, reconnection: false, withCredentials: true, transports: ['websocket'] });
  const got = []; // not yet taken by next
  const order = []; // every event's name, in order of arrival
  const aggregated = new Set(); // the types of the aggregated counts seen, with their subtypes
  socket.onAny((event, ...args) => {
    got.push({ event, args });
    order.push(event);
    if (event === 'server_stats') for (const e of args[0].aggregatedEvents) aggregated.add(e.type + (e.subType ? ':' + e.subType : ''));
  });
  const next = async (event, pred = () => true, ms = 5000) => {
    const end = Date.now() + ms;
    for (;;) {
      const i = got.findIndex((e) => e.event === event && pred(...e.args));
      if (i >= 0) return got.splice(i, 1)[0].args;
      if (Date.now() > end) throw new Error(`admin: no ${event} within ${ms} ms; got ${JSON.stringify(got.map((e) => e.event))}`);
      await sleep(5);
    }
  };
  return { socket, got, order, aggregated, next };
}

/** The message of the connect_error an admin login with auth gets. */
async function refusal(auth) {
  const { socket } = admin(auth);
  const [err] = await once(socket, 'connect_error');
  socket.close();
  return err.message;
}

const isDate = (s) => typeof s === 'string' && !Number.isNaN(Date.parse(s)) && Math.abs(Date.now() - Date.parse(s)) < 60_000;

const scenarios = {
  async full() {
    report('refused', [
      await refusal({ username: 'admin', password: 'wrong' }),
      await refusal({ username: 'root', password: 'secret' }),
      await refusal({}),
      await refusal({ sessionId: 'made-up' }),
    ]);

    // Application clients: Ann over WebSocket with a cookie, Bob over long-polling, and one
    // connection carrying "/" and Cy's "/chat".
    const ann = chat('ann', ['websocket'], { extraHeaders: { cookie: 'session=very-secret' } });
    const bob = chat('bob', ['polling']);
    const manager = new Manager(url, { transports: ['websocket'], reconnection: false });
    const main = manager.socket('/');
    const cy = manager.socket('/chat', { auth: { name: 'cy' } });
    await Promise.all([ann, bob, main, cy].map(connected));
    report('clients', { ann: ann.id, bob: bob.id, main: main.id, cy: cy.id });

    const a = admin({ username: 'admin', password: 'secret' });
    await connected(a.socket);
    const [session] = await a.next('session');
    const [config] = await a.next('config');
    const [sockets] = await a.next('all_sockets');
    const [stats] = await a.next('server_stats');
    report('welcome', { order: a.order.slice(0, 4), session: typeof session === 'string' && session.length >= 16, config });
    report('all_sockets', { admin: a.socket.id, sockets });
    report('server_stats', stats);
    await proceed();

    // Live: a client connecting over polling, then upgrading; an event in and its broadcast out.
    const dee = chat('dee', ['polling', 'websocket']);
    const [joinedSocket, joinedAt] = await a.next('socket_connected', (s) => s.nsp === '/chat' && s.data?.name === 'dee');
    const [, lobby, lobbyId, lobbyAt] = await a.next('room_joined', (nsp, room, id) => id === joinedSocket.id && room === 'lobby');
    const [updated] = await a.next('socket_updated', (s) => s.id === joinedSocket.id);
    await connected(dee);
    report('live-connect', {
      socket: { id: joinedSocket.id === dee.id, transport: joinedSocket.transport, rooms: joinedSocket.rooms.map((r) => (r === dee.id ? 'self' : r)), data: joinedSocket.data },
      timestamps: isDate(joinedAt) && isDate(lobbyAt),
      joined: [lobby, lobbyId === dee.id],
      updated: { ...updated, id: updated.id === dee.id },
    });
    ann.emit('say', 'hi all');
    const [rnsp, rid, rargs, rat] = await a.next('event_received', (nsp, id) => id === ann.id);
    const sent = [];
    for (const c of [ann, bob, cy, dee]) {
      const [snsp, sid, sargs] = await a.next('event_sent', (nsp, id) => id === c.id);
      sent.push([snsp, sid === c.id, sargs]);
    }
    report('live-events', { received: [rnsp, rid === ann.id, rargs, isDate(rat)], sent });
    await a.next('server_stats', () => a.aggregated.has('packetsIn') && a.aggregated.has('bytesOut'));
    report('aggregated', [...a.aggregated].sort());

    // Operations, as the UI sends them.
    a.socket.emit('join', '/chat', 'vip', ann.id);
    report('join', (await a.next('room_joined', (nsp, room) => room === 'vip')).slice(0, 2).concat([ann.id]));
    await proceed();
    a.socket.emit('join', '/chat', 'everyone');
    const everyone = [];
    for (const c of [ann, bob, cy, dee]) everyone.push((await a.next('room_joined', (nsp, room, id) => room === 'everyone' && id === c.id))[2] === c.id);
    report('join-all', everyone);
    a.socket.emit('leave', '/chat', 'vip', ann.id);
    report('leave', (await a.next('room_left', (nsp, room) => room === 'vip')).slice(0, 3).map((v) => (v === ann.id ? 'ann' : v)));
    report('mistakes', [
      await a.socket.emitWithAck('join', '/nope', 'x'),
      await a.socket.emitWithAck('join', '/chat', 5),
      await a.socket.emitWithAck('_disconnect', '/chat', 'yes'),
      await a.socket.emitWithAck('leave', '/chat', 'everyone', 'everyone'),
    ]);
    await proceed();

    const bobGone = once(bob, 'disconnect');
    const bobID = bob.id; // the client forgets it on disconnect
    a.socket.emit('_disconnect', '/chat', false, bobID);
    const [bobReason] = await bobGone;
    const [dnsp, did, dreason, dat] = await a.next('socket_disconnected', (nsp, id) => id === bobID);
    const left = [];
    for (const room of ['lobby', bobID]) left.push((await a.next('room_left', (nsp, r, id) => id === bobID && r === room))[1] === room);
    report('disconnect', { client: bobReason, admin: [dnsp, did === bobID, dreason, isDate(dat)], left });
    const both = [once(main, 'disconnect'), once(cy, 'disconnect')];
    a.socket.emit('_disconnect', '/', true, main.id);
    report('disconnect-close', (await Promise.all(both)).map(([reason]) => reason));
    await proceed();

    // Back with the session id alone, as the UI does on a reload.
    const again = admin({ sessionId: session });
    await connected(again.socket);
    await again.next('config');
    report('session-reuse', again.got.some((e) => e.event === 'session'));
    for (const s of [a.socket, again.socket, ann, dee]) s.close();
  },

  async restricted() {
    const ann = chat('ann', ['websocket']);
    await connected(ann);
    const a = admin({ username: 'admin', password: 'secret' });
    await connected(a.socket);
    const [config] = await a.next('config');
    await a.next('server_stats');
    const bob = chat('bob', ['websocket']);
    await connected(bob);
    bob.emit('say', 'hello');
    await a.next('server_stats', () => a.aggregated.has('packetsIn'));
    a.socket.emit('join', '/chat', 'vip', ann.id);
    const [err] = await a.next('error');
    report('restricted', { config, error: err, events: [...new Set(a.order)].sort(), aggregated: [...a.aggregated].sort() });
    await proceed();
    for (const s of [a.socket, ann, bob]) s.close();
  },
};

try {
  await scenarios[scenario]();
  report('done');
  process.exit(0);
} catch (e) {
  report('fail', String(e?.stack ?? e));
  process.exit(1);
}
