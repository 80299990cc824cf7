// A socket.io-client driven step by step by recovery_interop_test.go, to
// check connection-state recovery against the Go server.
//
//   node recovery.mjs <url> <client options as JSON>
//
// The options are socket.io-client's, plus `rooms`: the rooms the socket
// asks to join (event "join", acknowledged) on every connect that was not a
// recovery. Every event the socket receives is logged as "<event> <first
// argument as JSON>", the offset that recovery appends left out.
//
// Commands come one per line on stdin; each answers with one observation
// {"t": name, "v": value} on stdout:
//
//   connect <ms>      wait for the next connect, then join the rooms unless it
//                     was a recovery → connected {recovered, id, sameId}
//                     (sameId: the id of the first connect)
//   close             close the Engine.IO connection, as a lost network would
//                     (no DISCONNECT) → closed <the disconnect reason>
//   disconnected      wait for the next disconnect → disconnected <reason>
//   leave             socket.disconnect() (sends DISCONNECT) → left <reason>
//   reopen            socket.connect() after a leave → reopened
//   mark <n> <ms>     wait for the event `mark` with argument n → mark n
//   log               the events received so far → log [lines]
//   offsets           the trailing string arguments seen, by event → offsets {event: count}
//
// On any failure it prints {"t":"fail","v":<message>} and exits 1.
import { io } from "socket.io-client";
import { createInterface } from "node:readline";

const [, , url, optionsArg] = process.argv;
const { rooms = [], ...options } = JSON.parse(optionsArg);

const report = (t, v) => process.stdout.write(JSON.stringify({ t, v: v ?? null }) + "\n");
const fail = (err) => {
  report("fail", String(err?.stack ?? err));
  process.exit(1);
};
process.on("unhandledRejection", fail);

// queue collects an event's occurrences so that a command consumes the next
// one, whether it happened before the command or after.
const queue = (emitter, event) => {
  const seen = [];
  const waiting = [];
  emitter.on(event, (...args) => (waiting.length ? waiting.shift()(args) : seen.push(args)));
  return (ms, what) =>
    new Promise((resolve, reject) => {
      if (seen.length) return resolve(seen.shift());
      const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      waiting.push((args) => {
        clearTimeout(timer);
        resolve(args);
      });
    });
};

const socket = io(url, { forceNew: true, ...options });
const nextConnect = queue(socket, "connect");
const nextDisconnect = queue(socket, "disconnect");
// Attempts refused while the network is "down" are expected: stderr only.
socket.on("connect_error", (err) => process.stderr.write(`connect_error: ${err.message}\n`));

const log = [];
const marks = new Set();
const markWaiters = [];
const offsets = {};
socket.onAny((event, ...args) => {
  log.push(`${event} ${JSON.stringify(args[0])}`);
  if (typeof args.at(-1) === "string") offsets[event] = (offsets[event] ?? 0) + 1;
  if (event === "mark") {
    marks.add(args[0]);
    markWaiters.splice(0).forEach((w) => w());
  }
});
const untilMark = (n, ms) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for mark ${n}`)), ms);
    const check = () => {
      if (marks.has(n)) {
        clearTimeout(timer);
        resolve();
      } else markWaiters.push(check);
    };
    check();
  });

let firstId;
const commands = {
  async connect(ms) {
    await nextConnect(Number(ms), "connect");
    firstId ??= socket.id;
    const state = { recovered: socket.recovered, id: socket.id, sameId: socket.id === firstId };
    if (!socket.recovered && rooms.length) {
      const reply = await socket.emitWithAck("join", rooms);
      if (!reply?.ok) throw new Error(`join refused: ${JSON.stringify(reply)}`);
    }
    report("connected", state);
  },
  async close() {
    socket.io.engine.close();
    const [reason] = await nextDisconnect(15000, "disconnect");
    report("closed", reason);
  },
  async disconnected() {
    const [reason] = await nextDisconnect(15000, "disconnect");
    report("disconnected", reason);
  },
  async leave() {
    socket.disconnect();
    const [reason] = await nextDisconnect(15000, "disconnect");
    report("left", reason);
  },
  async reopen() {
    socket.connect();
    report("reopened");
  },
  async mark(n, ms) {
    await untilMark(Number(n), Number(ms));
    report("mark", Number(n));
  },
  async log() {
    report("log", log);
  },
  async offsets() {
    report("offsets", offsets);
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  const [name, ...args] = line.trim().split(/\s+/);
  if (!commands[name]) fail(new Error(`unknown command ${line}`));
  try {
    await commands[name](...args);
  } catch (err) {
    fail(err);
  }
}
socket.disconnect();
process.exit(0);
