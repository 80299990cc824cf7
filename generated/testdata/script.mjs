// What the scripts driving the generated server share: the server URL from
// the command line, observations as JSON lines on stdout, and waiting for
// a line on stdin while the Go test acts.
import { io } from 'socket.io-client';
import { createInterface } from 'node:readline';

export const url = process.argv[2];
const stdin = createInterface({ input: process.stdin });
const waiting = [];
stdin.on('line', () => waiting.shift()?.());
export const proceed = () => new Promise((resolve) => waiting.push(resolve));
export const report = (t, v) => process.stdout.write(JSON.stringify({ t, v }) + '\n');
const fail = (err) => {
  report('fail', String(err?.stack ?? err));
  process.exit(1);
};
process.on('unhandledRejection', fail);

// open starts a socket on a namespace over WebSocket, with the token (if
// any) as its auth payload; connect resolves once it is connected.
export const open = (nsp, token) =>
  io(url + nsp, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true, reconnection: false });
export const connect = (nsp, token) =>
  new Promise((resolve, reject) => {
    const socket = open(nsp, token);
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });

export const until = async (cond) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};
