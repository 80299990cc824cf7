// The Node side of the benchmark contract, on socket.io 4.8 with its
// defaults: "join" (room name, acknowledged with {ok: true}) joins a room;
// "publish" ({room, ...}) broadcasts the payload as "msg" to the room, the
// publisher included. Prints "listening <addr>" when ready; rtgen-bench
// starts and stops it. Usage: node bench/node/server.mjs [port]
//
// With REDIS_URL set, the server is one node of a cluster on that Redis, on
// @socket.io/redis-streams-adapter, its stream and keys named with
// REDIS_PREFIX.
import { createServer } from "node:http";
import { Server } from "socket.io";

const httpServer = createServer();
const opts = {};
if (process.env.REDIS_URL) {
  const { createClient } = await import("redis");
  const { createAdapter } = await import("@socket.io/redis-streams-adapter");
  const redis = createClient({ url: process.env.REDIS_URL });
  redis.on("error", () => {});
  await redis.connect();
  const prefix = process.env.REDIS_PREFIX ?? "";
  opts.adapter = createAdapter(redis, {
    streamName: prefix + "socket.io",
    channelPrefix: prefix + "socket.io",
    sessionKeyPrefix: prefix + "sio:session:",
  });
}
const io = new Server(httpServer, opts);

io.on("connection", (socket) => {
  socket.on("join", (room, cb) => {
    if (typeof room !== "string") return;
    socket.join(room);
    if (typeof cb === "function") cb({ ok: true });
  });
  socket.on("publish", (payload) => {
    if (payload && typeof payload.room === "string") io.to(payload.room).emit("msg", payload);
  });
});

const port = Number(process.argv[2] ?? 0);
httpServer.listen(port, "127.0.0.1", () => {
  const { address, port } = httpServer.address();
  console.log(`listening ${address}:${port}`);
});

for (const sig of ["SIGTERM", "SIGINT"]) {
  process.on(sig, () => {
    io.close();
    process.exit(0);
  });
}
