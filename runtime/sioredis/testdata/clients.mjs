// Named socket.io-client 4.8 sockets driven from stdin: connect to any
// server of a cluster, join rooms, collect events, lose the transport and
// come back on another server. Offsets that recovery appends to events are
// reported apart from the arguments.
import { io } from 'socket.io-client';
import { onCommand, report, toWire } from './lines.mjs';

const sockets = new Map(); // name → { socket, events }
const isOffset = (v) => typeof v === 'string' && /^\d+-\d+$/.test(v);
const until = async (cond, what) => {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out waiting for ' + what);
};
const connected = (s) => new Promise((resolve, reject) => {
  s.once('connect', resolve);
  s.once('connect_error', reject);
});

onCommand(async (cmd) => {
  const c = sockets.get(cmd.name);
  switch (cmd.op) {
    case 'connect': {
      const socket = io(cmd.url + (cmd.nsp ?? '/'), {
        transports: cmd.transports ?? ['websocket'],
        forceNew: true,
        auth: cmd.auth ?? {},
      });
      const entry = { socket, events: [], disconnects: [] };
      socket.onAny((event, ...args) => {
        const offset = isOffset(args.at(-1)) ? args.pop() : undefined;
        entry.events.push({ event, args: toWire(args), offset: offset !== undefined });
      });
      socket.on('disconnect', (reason) => entry.disconnects.push(reason));
      sockets.set(cmd.name, entry);
      await connected(socket);
      report('connected', { id: socket.id, recovered: socket.recovered });
      return;
    }
    case 'join':
      report('joined', await c.socket.emitWithAck('join', cmd.rooms));
      return;
    case 'events': {
      // The first count events, then whatever else arrives within settle ms.
      await until(() => c.events.length >= cmd.count, `${cmd.count} events on ${cmd.name}`);
      await new Promise((r) => setTimeout(r, cmd.settle ?? 100));
      report('events', c.events.splice(0));
      return;
    }
    case 'cut': // the transport is lost; the socket waits to be told to reconnect
      c.socket.io.reconnection(false);
      c.socket.io.engine.close();
      await until(() => !c.socket.connected, 'the cut');
      report('cut', c.disconnects.at(-1));
      return;
    case 'reconnect': // to the same server, or another one (as a load balancer may)
      c.socket.io.uri = cmd.url;
      c.socket.io.reconnection(true);
      c.socket.connect();
      await connected(c.socket);
      report('reconnected', { id: c.socket.id, recovered: c.socket.recovered });
      return;
    case 'disconnected':
      await until(() => c.disconnects.length > 0, `${cmd.name} to be disconnected`);
      report('disconnected', c.disconnects.splice(0));
      return;
    default:
      throw new Error('unknown command ' + cmd.op);
  }
});
