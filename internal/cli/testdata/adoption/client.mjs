// Drives the fresh module's chat server (argv[2] is its address) with the
// npm socket.io-client, as its web client would.
import { io } from 'socket.io-client';

const url = `http://${process.argv[2]}/chat`;
const report = (t, v) => process.stdout.write(JSON.stringify({ t, v }) + '\n');
const once = (socket, event) => new Promise((resolve) => socket.once(event, resolve));
const connect = async (auth) => {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false });
  const outcome = await Promise.race([once(socket, 'connect').then(() => null), once(socket, 'connect_error')]);
  return { socket, error: outcome && { message: outcome.message, code: outcome.data?.code } };
};

try {
  const anonymous = await connect({});
  report('anonymous', anonymous.error);
  anonymous.socket.close();

  const ann = await connect({ user: 'ann' });
  const bob = await connect({ user: 'bob' });
  report('joined', [await ann.socket.emitWithAck('join:channel', 'general'), await bob.socket.emitWithAck('join:channel', 'general')]);

  const received = once(bob.socket, 'message:new');
  const ack = await ann.socket.emitWithAck('message:send', { channelId: 'general', text: 'hello' });
  report('ack', { ok: ack.ok, sentAt: typeof ack.data?.sentAt });
  const msg = await received;
  report('message', { channelId: msg.channelId, from: msg.from, text: msg.text, sentAt: typeof msg.sentAt });

  const bad = await ann.socket.emitWithAck('message:send', { channelId: 'general', text: '' });
  report('bad', { ok: bad.ok, code: bad.error?.code });
  ann.socket.close();
  bob.socket.close();
} catch (err) {
  report('fail', String(err?.stack ?? err));
}
