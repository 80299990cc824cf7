// Interop scenarios run by interop_test.go with the unmodified npm
// socket.io-client against the Go server.
//
//   node interop.mjs <url> <scenario> <transports: JSON array or "default">
//
// Every observation is one JSON line {"t": <name>, "v": <value>} on stdout;
// the Go test compares them. Binary values are reported as {"$bin": "<hex>"}.
// The script waits for a line on stdin wherever the Go side must act.
// On any failure it prints {"t":"fail","v":<message>} and exits 1.
import { io, Manager } from "socket.io-client";
import { createInterface } from "node:readline";

const [, , url, scenario, transportsArg] = process.argv;
const transports = transportsArg === "default" ? undefined : JSON.parse(transportsArg);
const options = (extra = {}) => ({
  transports,
  reconnectionDelay: 100,
  reconnectionDelayMax: 300,
  timeout: 5000,
  ...extra,
});

const report = (t, v) => process.stdout.write(JSON.stringify({ t, v: v ?? null }) + "\n");

// describe makes binary values visible in JSON.
const describe = (v) => {
  if (Buffer.isBuffer(v) || v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
    return { $bin: Buffer.from(v instanceof ArrayBuffer ? new Uint8Array(v) : v).toString("hex") };
  }
  if (Array.isArray(v)) return v.map(describe);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x)]));
  return v;
};

const once = (emitter, event, ms = 5000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const waitForGo = async () => {
  const { done } = await stdinLines.next();
  if (done) throw new Error("stdin closed");
};

const connected = (socket) => (socket.connected ? Promise.resolve() : once(socket, "connect"));

const scenarios = {
  // Namespaces on one connection, events, acks and binary both ways, auth,
  // unknown namespace, server disconnect.
  async features() {
    const manager = new Manager(url, options());
    const main = manager.socket("/");
    const custom = manager.socket("/custom");
    const hello = once(custom, "hello");
    await Promise.all([connected(main), connected(custom)]);
    report("ids", { distinct: main.id !== custom.id, notEngineId: main.id !== manager.engine.id && custom.id !== manager.engine.id });
    report("custom-hello", describe(await hello));
    report("stats", await main.emitWithAck("stats"));

    main.emit("echo", 1, "2", { 3: [true] }, "<&>");
    report("echo", describe(await once(main, "echo-back")));
    const ackArgs = (...args) => new Promise((resolve) => main.emit("ack-me", ...args, (...reply) => resolve(reply)));
    report("ack", describe(await ackArgs("a", { b: 2 })));
    main.emit("echo", Buffer.from([1, 2, 3]), { nested: Buffer.from([4, 5]) }, "text");
    report("echo-binary", describe(await once(main, "echo-back")));
    report("ack-binary", describe(await ackArgs(Buffer.from([9, 8]), { deep: [Buffer.from([7])] })));

    main.on("question", (q, bin, cb) => cb("answer:" + q, Buffer.from([0xca, 0xfe])));
    main.on("ignored", () => {}); // never acknowledges
    main.emit("ask", "q1");
    report("server-ack", describe(await once(main, "answer")));
    main.emit("ask-ignored");
    report("server-ack-timeout", describe(await once(main, "answer")));

    report("typed-ok", await main.emitWithAck("join", ["r1"]));
    report("typed-bad", await main.emitWithAck("join", "not-a-list"));
    report("stats-after", await main.emitWithAck("stats"));

    const nope = manager.socket("/nope");
    const [nsErr] = await once(nope, "connect_error");
    report("unknown-namespace", nsErr.message);
    main.emit("echo", "still here");
    report("after-unknown", describe(await once(main, "echo-back")));

    const good = io(url + "/private", options({ forceNew: true, auth: { token: "good" } }));
    report("auth-ok", describe(await once(good, "welcome")));
    good.disconnect();
    const bad = io(url + "/private", options({ forceNew: true, auth: { token: "bad" } }));
    const [authErr] = await once(bad, "connect_error");
    report("auth-refused", { message: authErr.message, data: authErr.data });
    bad.disconnect();

    main.emit("kick-me");
    const [reason] = await once(main, "disconnect");
    report("kicked", reason);
    await sleep(50);
    report("kicked-reconnects", main.connected || main.active);
    manager.engine.close();
  },

  // Rooms: broadcast to several rooms without duplicates, except, and
  // socket.to() excluding the sender.
  async rooms() {
    const names = ["a", "b", "c"];
    const sockets = names.map(() => io(url, options({ forceNew: true })));
    await Promise.all(sockets.map(connected));
    const got = Object.fromEntries(names.map((n) => [n, []]));
    sockets.forEach((s, i) => s.on("news", (m) => got[names[i]].push(m)));
    const [a, b, c] = sockets;
    await a.emitWithAck("join", ["r1"]);
    await b.emitWithAck("join", ["r1", "r2"]);
    await c.emitWithAck("join", ["r3"]);
    await a.emitWithAck("broadcast", { to: ["r1", "r2"], except: [], msg: "m1" });
    await a.emitWithAck("broadcast", { to: ["r1"], except: ["r2"], msg: "m2" });
    await a.emitWithAck("broadcast", { to: [], except: ["r3"], msg: "m3" });
    await a.emitWithAck("shout", { to: ["r1"], msg: "m4" });
    await a.emitWithAck("broadcast", { to: ["r3", "r1"], except: [], msg: "m5" });
    await sleep(200);
    report("news", got);
    sockets.forEach((s) => s.disconnect());
  },

  // The server goes away and comes back on the same port: the client
  // reconnects by itself and events flow again.
  async restart() {
    const s = io(url, options());
    await connected(s);
    s.emit("echo", "before");
    report("before", describe(await once(s, "echo-back")));
    const disconnected = once(s, "disconnect", 10000);
    report("ready");
    const [reason] = await disconnected;
    report("disconnect-reason", reason);
    await once(s, "connect", 15000);
    s.emit("echo", "after");
    report("after", describe(await once(s, "echo-back")));
    s.disconnect();
  },

  // Bad input from other peers closes only those connections: a bystander
  // stays connected and keeps receiving throughout.
  async "bad-input"() {
    const bystander = io(url, options({ forceNew: true }));
    let bystanderDrops = 0;
    bystander.on("disconnect", () => bystanderDrops++);
    let ticks = 0;
    bystander.on("tick", () => ticks++);
    const victim = io(url, options({ forceNew: true, reconnection: false }));
    await Promise.all([connected(bystander), connected(victim)]);

    victim.emit("echo", "x".repeat(20000)); // over the server's maxPayload
    const [reason] = await once(victim, "disconnect");
    report("oversized", reason);

    const nope = io(url + "/nope", options({ forceNew: true, reconnection: false }));
    const [err] = await once(nope, "connect_error");
    report("unknown-namespace", err.message);
    nope.disconnect();

    report("ready"); // the Go side now runs its raw-protocol attacks
    await waitForGo();

    bystander.emit("echo", "alive");
    report("bystander-echo", describe(await once(bystander, "echo-back")));
    await bystander.emitWithAck("tick-all");
    await sleep(100);
    report("bystander", { drops: bystanderDrops, ticks, connected: bystander.connected });
    bystander.disconnect();
  },
};

try {
  await scenarios[scenario]();
  report("done");
  process.exit(0);
} catch (e) {
  report("fail", String(e && e.stack ? e.stack : e));
  process.exit(1);
}
