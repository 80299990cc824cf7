// The scripted session of the metrics test, with the unmodified
// socket.io-client: a refused CONNECT, joins allowed and refused, client
// events valid, invalid and unknown, server events received and one
// acknowledged. Observations go to stdout as JSON lines; a line on stdin
// lets the script go on after the Go test acted.
import { connect, open, proceed, report, until } from './script.mjs';

const anonymous = open('/leaderboard');
report('anonymous', await new Promise((resolve) => anonymous.on('connect_error', (err) => resolve(err.message))));
anonymous.disconnect();

const board = await connect('/leaderboard', 'alice');
const boardGot = [];
board.onAny((event) => boardGot.push(event));
report('joins', [
  await board.emitWithAck('join:user', 7),
  await board.emitWithAck('join:user', 8),
  await board.emitWithAck('join:tv-display'),
]);

const training = await connect('/training', 'alice');
training.on('xp:gained', (payload, ack) => ack('thanks'));
report('events', [
  (await training.emitWithAck('roleplay:message', { sessionId: 's-1', message: 'Too expensive.' })).ok,
  (await training.emitWithAck('roleplay:message', { sessionId: '', message: 'x'.repeat(4001) })).error.code,
  (await training.emitWithAck('roleplay:message', { sessionId: 5, message: 'hi' })).error.code,
]);
training.emit('no-such-event', 1);
report('ready', true);

await proceed(); // the Go test emits
await until(() => boardGot.length === 3);
report('received', boardGot);
await proceed(); // the Go test scrapes
board.disconnect();
training.disconnect();
