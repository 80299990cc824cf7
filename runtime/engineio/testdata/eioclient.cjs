// Drives the real engine.io-client against the server at process.argv[2]:
// one session per transport mode, each sending a numbered stream of text and
// binary messages (across the upgrade in "upgrade" mode) and checking that
// the echoes come back complete and in order. Prints one JSON line per mode.
const { Socket } = require("engine.io-client");

const url = process.argv[2];
const COUNT = 60;

function run(mode) {
  const transports = mode === "polling" ? ["polling"] : mode === "websocket" ? ["websocket"] : ["polling", "websocket"];
  return new Promise((resolve, reject) => {
    const socket = new Socket(url, { path: "/engine.io/", transports });
    const got = [];
    let sent = 0;
    let upgraded = false;
    let timer;
    const fail = (err) => { clearInterval(timer); socket.close(); reject(new Error(mode + ": " + err)); };
    const deadline = setTimeout(() => fail("timed out with " + got.length + " echoes"), 15000);
    socket.on("upgrade", () => { upgraded = true; });
    socket.on("open", () => {
      timer = setInterval(() => {
        if (sent >= COUNT) return clearInterval(timer);
        const i = sent++;
        socket.send(i % 3 === 2 ? Uint8Array.from([i]) : "m" + i);
      }, 5);
    });
    socket.on("message", (data) => {
      got.push(typeof data === "string" ? data : "b" + Buffer.from(data)[0]);
      if (got.length < COUNT) return;
      clearTimeout(deadline);
      for (let i = 0; i < COUNT; i++) {
        const want = i % 3 === 2 ? "b" + i : "m" + i;
        if (got[i] !== want) return fail("echo " + i + " is " + got[i]);
      }
      const transport = socket.transport.name;
      socket.close();
      resolve({ mode, transport, upgraded, echoes: got.length });
    });
    socket.on("error", (err) => fail(String(err)));
    socket.on("close", (reason) => { if (got.length < COUNT) fail("closed: " + reason); });
  });
}

(async () => {
  for (const mode of ["polling", "websocket", "upgrade"]) {
    console.log(JSON.stringify(await run(mode)));
  }
})().catch((err) => { console.error(err.message); process.exit(1); });
