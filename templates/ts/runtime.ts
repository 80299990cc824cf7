// rtgen TypeScript runtime: written once, copied verbatim into every rtgen TypeScript output.
// Generated files describe a schema (event maps, descriptors); this file does the work on top of
// socket.io-client. Reconnection, backoff and timeouts are socket.io-client's own.
import { Manager, type ManagerOptions, type Socket } from 'socket.io-client';

/** The connection states a UI shows. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'reconnecting' | 'error';

/** Error codes the server uses in ack envelopes and `error` events, plus client-side ones. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'internal'
  | 'too_many_requests'
  | 'schema_mismatch'
  | 'connect_error'
  | 'timeout'
  | (string & {});

/** An error reported by the server or the connection, with a machine-readable code. */
export class RealtimeError extends Error {
  readonly code: ErrorCode;
  /** The client event that failed, when the error answers one. */
  readonly event: string | undefined;
  /** The room a refused join asked for. */
  readonly room: string | undefined;
  readonly details?: unknown;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { event?: string | undefined; room?: string | undefined; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'RealtimeError';
    this.code = code;
    this.event = extra.event;
    this.room = extra.room;
    this.details = extra.details;
  }
}

// ---------------------------------------------------------------------------------------------
// Descriptors: plain data generated from the schema.

/** A path to a time field inside a payload; `*` walks every element of a list or map. */
export type TimePath = readonly string[];

/** A room the hooks join from an option. */
export interface RoomSpec {
  /** Hook option that selects the room: a parameter value, or `true` for a fixed room. */
  readonly option: string;
  /** Room name template, e.g. `user:{userId}`. */
  readonly template: string;
  /** Template parameters in order. */
  readonly params: readonly string[];
  readonly joinEvent: string;
  readonly leaveEvent: string;
}

/** Derived state a hook keeps from incoming events. */
export type StateSpec =
  | { readonly kind: 'last'; readonly name: string; readonly on: readonly string[] }
  | { readonly kind: 'list'; readonly name: string; readonly on: readonly string[]; readonly keep: number }
  | {
      readonly kind: 'value';
      readonly name: string;
      readonly initial: unknown;
      readonly set: readonly { readonly on: string; readonly field?: string; readonly value?: unknown }[];
    };

/** A hook option called with the payload of any of its events. */
export interface CallbackSpec {
  readonly option: string;
  readonly on: readonly string[];
}

/** A function a hook returns that emits a client event. */
export interface ActionSpec {
  readonly name: string;
  readonly emit: string;
  /** Payload fields taken, in order, from the action's arguments. */
  readonly args: readonly string[];
  /** Payload fields filled from hook options: field → option. */
  readonly fill: Readonly<Record<string, string>>;
  /** Whether the event has an ack; the action then resolves with it. */
  readonly ack: boolean;
}

/** An event that raises a toast for the current user's own events. */
export interface ToastSpec {
  readonly on: string;
  /** Payload field that must equal the hook option of the same name. */
  readonly owner: string;
  readonly title: string;
  readonly description?: string;
}

/** Everything the runtime needs to know about one namespace. */
export interface NamespaceDescriptor {
  readonly name: string;
  readonly serverEvents: readonly string[];
  readonly clientEvents: readonly string[];
  /** Time fields per server event payload, revived into `Date`. */
  readonly serverTimes: Readonly<Record<string, readonly TimePath[]>>;
  /** Time fields per client event ack, revived into `Date`. */
  readonly ackTimes: Readonly<Record<string, readonly TimePath[]>>;
  readonly rooms: readonly RoomSpec[];
  readonly state: readonly StateSpec[];
  readonly callbacks: readonly CallbackSpec[];
  readonly actions: readonly ActionSpec[];
  readonly toasts: readonly ToastSpec[];
  /** Hook option called after a reconnect that did not recover the connection state. */
  readonly resync?: string;
  /** Hook option called when the server refuses this client's contract (code schema_mismatch). */
  readonly stale?: string;
  /** The namespace's wire contract, which the client presents when it connects. */
  readonly contract?: ContractSpec;
}

/**
 * A namespace's wire contract (docs/contract.md): its canonical JSON text and that text's
 * fingerprint. The client presents the fingerprint on CONNECT, and the text when the server asks
 * for it (code contract_required); a server whose own contract would break this client refuses it
 * with code schema_mismatch: the bundle is stale.
 */
export interface ContractSpec {
  readonly fingerprint: string;
  readonly text: string;
}

/**
 * The CONNECT auth option of a namespace: the app's auth payload (an object, or a function called
 * on every (re)connect), with the contract's fingerprint added under `rtgen`, and its text once
 * withText() says the server asked for it.
 */
function presentContract(contract: ContractSpec | undefined, auth: ClientOptions['auth'], withText: () => boolean) {
  return (cb: (data: object) => void) =>
    void Promise.resolve(typeof auth === 'function' ? auth() : (auth ?? {})).then((a) => {
      if (!contract) return cb(a);
      const rtgen = withText() ? { fingerprint: contract.fingerprint, contract: contract.text } : { fingerprint: contract.fingerprint };
      cb({ ...a, rtgen });
    });
}

// ---------------------------------------------------------------------------------------------
// Typed event maps. Generated code declares, per namespace:
//   ServerEvents: { 'rank:changed': RankingUpdate; 'leaderboard:refresh': LeaderboardSnapshot; ... }
//   ClientEvents: { 'roleplay:message': { payload: RoleplayMessage; ack: RoleplayAck }; ... }

/** Payload types of server→client events, by event name. */
export type ServerEventMap = Record<string, unknown>;
/** Payload and ack types of client→server events, by event name. `void` means none. */
export type ClientEventMap = Record<string, { payload: unknown; ack: unknown }>;

/**
 * A value as it travels as JSON, before the runtime revives it: `Date` fields are RFC 3339 strings.
 * The raw socket.io-client socket hands payloads over in this form; the hooks' `on` revives them.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer E)[]
    ? Wire<E>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The server's answer to a client event sent with an acknowledgement callback. */
export type AckEnvelope<T> =
  | ([T] extends [void] ? { ok: true; data?: undefined } : { ok: true; data: T })
  | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } };

/** The arguments `emit` takes for a client event: its payload, or nothing. */
export type EmitArgs<C extends ClientEventMap, E extends keyof C> = [C[E]['payload']] extends [void]
  ? []
  : [payload: C[E]['payload']];

// ---------------------------------------------------------------------------------------------
// Wire helpers.

/** Replaces RFC 3339 strings at the given paths with `Date` objects, in place; returns the value. */
export function reviveTimes<T>(value: T, paths: readonly TimePath[] | undefined): T {
  if (!paths || value === null || value === undefined) return value;
  let root: unknown = value;
  for (const path of paths) {
    if (path.length === 0) {
      root = toDate(root);
      continue;
    }
    reviveAt(root, path, 0);
  }
  return root as T;
}

function reviveAt(node: unknown, path: TimePath, i: number): void {
  if (node === null || typeof node !== 'object') return;
  const key = path[i];
  if (key === undefined) return;
  const last = i === path.length - 1;
  const container = node as Record<string, unknown>;
  const keys = key === '*' ? Object.keys(container) : [key];
  for (const k of keys) {
    if (!(k in container)) continue;
    if (last) container[k] = toDate(container[k]);
    else reviveAt(container[k], path, i + 1);
  }
}

function toDate(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d;
}

/** Builds a room name from its template, e.g. `user:{userId}` + {userId: 7} → `user:7`. */
export function roomName(spec: RoomSpec, value: unknown): string {
  if (spec.params.length === 0) return spec.template;
  const values = paramValues(spec, value);
  return spec.template.replace(/\{([^}]+)\}/g, (_, p: string) => String(values[p]));
}

function paramValues(spec: RoomSpec, value: unknown): Record<string, unknown> {
  const [only, ...rest] = spec.params;
  if (only !== undefined && rest.length === 0) return { [only]: value };
  return (value ?? {}) as Record<string, unknown>;
}

/** The join/leave event arguments: nothing, the bare parameter, or an object of parameters. */
export function roomArgs(spec: RoomSpec, value: unknown): unknown[] {
  if (spec.params.length === 0) return [];
  return [value];
}

/** Whether a hook option selects its room: set, and for fixed rooms `true`. */
export function roomSelected(spec: RoomSpec, value: unknown): boolean {
  if (spec.params.length === 0) return value === true;
  return value !== undefined && value !== null && value !== false && value !== '';
}

/** An ack as received, before it is checked to be an AckEnvelope. */
interface RawAck {
  ok: boolean;
  data?: unknown;
  error?: { code?: string; message?: string; details?: unknown };
}

/** Unwraps the server's ack envelope into the data or a RealtimeError. */
export function unwrapAck(event: string, res: unknown, times?: readonly TimePath[], room?: string): unknown {
  const env = res as RawAck | null;
  if (!env || typeof env !== 'object' || typeof env.ok !== 'boolean') {
    throw new RealtimeError('bad_request', `malformed ack for "${event}"`, { event, room, details: res });
  }
  if (!env.ok) {
    const e = env.error ?? {};
    throw new RealtimeError(e.code ?? 'internal', e.message ?? 'request failed', { event, room, details: e.details });
  }
  return reviveTimes(env.data, times);
}

/** Renders `You moved to #{newRank}` with payload fields. */
export function renderTemplate(template: string, payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, k: string) => (p[k] === undefined ? '' : String(p[k])));
}

// ---------------------------------------------------------------------------------------------
// Connections.

/** Options of a RealtimeClient; they apply to every connection it makes. */
export interface ClientOptions {
  /** Server origin, e.g. `https://app.example.com`; default: the page's own origin. */
  url?: string | undefined;
  /** Socket.IO path; default `/socket.io`. */
  path?: string | undefined;
  /** CONNECT auth payload, or a function returning it (called on every (re)connect). */
  auth?: Record<string, unknown> | (() => Record<string, unknown> | Promise<Record<string, unknown>>) | undefined;
  /** Send cookies with cross-origin polling requests. */
  withCredentials?: boolean | undefined;
  /** Transports to try; default socket.io-client's (polling, then upgrade to websocket). */
  transports?: ('polling' | 'websocket')[] | undefined;
  /** Timeout of a join/leave or action ack, in ms; default 10000. */
  ackTimeout?: number | undefined;
}

/** socket.io-client's reconnection options, settable per hook. */
export interface ReconnectionOptions {
  reconnection?: boolean | undefined;
  reconnectionAttempts?: number | undefined;
  reconnectionDelay?: number | undefined;
  reconnectionDelayMax?: number | undefined;
  randomizationFactor?: number | undefined;
  /** Connection timeout in ms. */
  timeout?: number | undefined;
}

/** A snapshot of one connection's state. */
export interface ConnectionSnapshot {
  readonly state: ConnectionState;
  readonly error: RealtimeError | null;
  /**
   * Whether the last (re)connect recovered the connection state: the server gave the socket back
   * with every event missed meanwhile (socket.io-client's `socket.recovered`).
   */
  readonly recovered: boolean;
}

type Listener = (payload: unknown) => void;

/**
 * Counts the users of something shared and calls onIdle a tick after the last one leaves, unless
 * another arrives first: a React StrictMode unmount/remount then keeps it open.
 */
class UserCount {
  private count = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onIdle: () => void) {}

  get active(): boolean {
    return this.count > 0;
  }

  /** Adds a user; returns its release function, which only counts once. */
  add(): () => void {
    clearTimeout(this.timer);
    this.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.count === 0) this.timer = setTimeout(() => this.count === 0 && this.onIdle(), 0);
    };
  }

  /** Forgets a pending onIdle call. */
  cancel(): void {
    clearTimeout(this.timer);
  }
}

/** Owns the Socket.IO managers (one per URL and option set) and the namespace connections. */
export class RealtimeClient {
  readonly options: ClientOptions;
  private readonly managers = new Map<string, Manager>();
  private readonly connections = new Map<string, NamespaceConnection>();
  private readonly users = new UserCount(() => this.close());

  constructor(options: ClientOptions = {}) {
    this.options = options;
  }

  /** The shared connection to a namespace for the given reconnection options. */
  connection(desc: NamespaceDescriptor, reconnect: ReconnectionOptions = {}): NamespaceConnection {
    const mkey = managerKey(reconnect);
    const key = `${mkey}|${desc.name}`;
    let conn = this.connections.get(key);
    if (!conn) {
      conn = new NamespaceConnection(this, this.manager(mkey, reconnect), desc);
      this.connections.set(key, conn);
    }
    return conn;
  }

  /** Registers a user of this client (a provider); returns the release function. */
  retain(): () => void {
    return this.users.add();
  }

  /** Disconnects every connection; they reconnect when used again. */
  close(): void {
    for (const conn of this.connections.values()) conn.close();
  }

  private manager(key: string, reconnect: ReconnectionOptions): Manager {
    let m = this.managers.get(key);
    if (!m) {
      const o = this.options;
      const opts: Partial<ManagerOptions> = {
        autoConnect: false,
        path: o.path ?? '/socket.io',
        withCredentials: o.withCredentials ?? false,
        ...definedOnly(reconnect),
      };
      if (o.transports) opts.transports = o.transports;
      m = o.url === undefined ? new Manager(opts) : new Manager(o.url, opts);
      this.managers.set(key, m);
    }
    return m;
  }
}

// socket.io-client's defaults, so that options spelling out a default share the default's manager.
const reconnectionDefaults: Required<ReconnectionOptions> = {
  reconnection: true,
  reconnectionAttempts: Infinity,
  reconnectionDelay: 1000,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
  timeout: 20000,
};

function managerKey(r: ReconnectionOptions): string {
  const d = reconnectionDefaults;
  return JSON.stringify([
    r.reconnection ?? d.reconnection,
    String(r.reconnectionAttempts ?? d.reconnectionAttempts),
    r.reconnectionDelay ?? d.reconnectionDelay,
    r.reconnectionDelayMax ?? d.reconnectionDelayMax,
    r.randomizationFactor ?? d.randomizationFactor,
    r.timeout ?? d.timeout,
  ]);
}

function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: { [K in keyof T]?: Exclude<T[K], undefined> } = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * Adds fn to set through a wrapper of its own, so that subscribing one function twice needs two
 * unsubscribes; returns the unsubscribe function.
 */
function subscribe(set: Set<() => void>, fn: () => void): () => void {
  const listener = () => fn();
  set.add(listener);
  return () => set.delete(listener);
}

interface RoomEntry {
  spec: RoomSpec;
  value: unknown;
  refs: number;
  /** Whether a join was sent on the current connection. */
  joined: boolean;
  /** Pending leave after the last holder let go; cancelled when the room is held again first. */
  leaveTimer?: ReturnType<typeof setTimeout> | undefined;
}

/**
 * One namespace socket shared by every hook that uses it. Reference-counted: the socket opens with
 * the first user and closes after the last one leaves; rooms are reference-counted the same way and
 * re-joined after every reconnect. Listeners and rooms belong to their holders, who release them.
 */
export class NamespaceConnection {
  readonly desc: NamespaceDescriptor;
  readonly socket: Socket;
  private snapshot: ConnectionSnapshot;
  private readonly watchers = new Set<() => void>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly users = new UserCount(() => this.close());
  private readonly resyncs = new Set<() => void>();
  private readonly stales = new Set<() => void>();
  /** Whether the server asked for the contract's text, which this connection then always presents. */
  private presentText = false;
  private wasConnected = false;

  constructor(
    private readonly client: RealtimeClient,
    manager: Manager,
    desc: NamespaceDescriptor,
  ) {
    this.desc = desc;
    this.socket = manager.socket(desc.name, {
      auth: presentContract(desc.contract, client.options.auth, () => this.presentText),
    });
    this.snapshot = { state: 'disconnected', error: null, recovered: false };
    this.wire(manager);
  }

  private wire(manager: Manager): void {
    const s = this.socket;
    s.on('connect', () => {
      const reconnect = this.wasConnected;
      this.wasConnected = true;
      this.set('connected', null, s.recovered);
      // Joins are sent again even after a recovery: the server restores only the rooms its rules
      // still allow, and a join answers with a refusal the app can see.
      for (const [name, room] of this.rooms) this.sendJoin(name, room);
      if (reconnect && !s.recovered) for (const fn of [...this.resyncs]) fn();
    });
    s.on('disconnect', (reason) => {
      for (const room of this.rooms.values()) room.joined = false;
      // The server or the app ended the session: socket.io-client will not reconnect by itself.
      if (reason === 'io server disconnect' || reason === 'io client disconnect') this.set('disconnected', this.snapshot.error);
      else this.set('reconnecting', this.snapshot.error);
    });
    s.on('connect_error', (err: Error & { data?: { code?: string; details?: unknown } }) => {
      const e = new RealtimeError(err.data?.code ?? 'connect_error', err.message, { details: err.data?.details ?? err.data });
      if (e.code === 'contract_required' && !this.presentText) {
        // The server has not compared this build's contract yet: connect again, presenting it.
        this.presentText = true;
        s.connect();
        return;
      }
      // Refused by the server (auth): the socket stays down until connect() is called again.
      if (!s.active) this.set('error', e);
      else this.set(this.wasConnected ? 'reconnecting' : 'connecting', e);
      if (e.code === 'schema_mismatch') for (const fn of [...this.stales]) fn();
    });
    s.on('error' as never, (payload: { code?: string; message?: string; event?: string; details?: unknown }) => {
      this.set(this.snapshot.state, new RealtimeError(payload?.code ?? 'internal', payload?.message ?? 'server error', {
        event: payload?.event,
        details: payload?.details,
      }));
    });
    manager.on('reconnect_attempt', () => {
      if (this.users.active && !s.connected) this.set('reconnecting', this.snapshot.error);
    });
    manager.on('reconnect_failed', () => {
      this.set('error', new RealtimeError('connect_error', 'gave up reconnecting'));
    });
    for (const event of this.desc.serverEvents) {
      const times = this.desc.serverTimes[event];
      s.on(event, (payload: unknown) => {
        const set = this.listeners.get(event);
        if (!set || set.size === 0) return;
        const value = reviveTimes(payload, times);
        for (const fn of [...set]) fn(value);
      });
    }
  }

  private set(state: ConnectionState, error: RealtimeError | null, recovered = this.snapshot.recovered): void {
    const prev = this.snapshot;
    if (prev.state === state && prev.error === error && prev.recovered === recovered) return;
    this.snapshot = { state, error, recovered };
    for (const w of [...this.watchers]) w();
  }

  /** The current state; a new object whenever anything changes. */
  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  /** Calls fn on every state change; returns the unsubscribe function. */
  watch = (fn: () => void): (() => void) => {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  };

  /** Registers a user of this connection; connects it when autoConnect. Returns the release function. */
  acquire(autoConnect = true): () => void {
    const release = this.users.add();
    if (autoConnect) this.connect();
    return release;
  }

  /** Opens the socket (no-op when open). */
  connect(): void {
    if (this.socket.connected || this.socket.active) return;
    this.set(this.wasConnected ? 'reconnecting' : 'connecting', null);
    this.socket.connect();
  }

  /** Closes the socket; the next acquire or connect opens it again. */
  close(): void {
    this.users.cancel();
    if (!this.socket.active) return;
    this.socket.disconnect();
    this.set('disconnected', null);
  }

  /**
   * Calls fn after every reconnect that did not recover the connection state (events were missed:
   * what they would have changed must be refetched); returns the unsubscribe function.
   */
  onResync(fn: () => void): () => void {
    return subscribe(this.resyncs, fn);
  }

  /**
   * Calls fn when the server refuses this client's contract (code schema_mismatch: the client was
   * built from a schema the server's has broken, and should reload); returns the unsubscribe function.
   */
  onStale(fn: () => void): () => void {
    return subscribe(this.stales, fn);
  }

  /** Subscribes to a server event (payload already revived); returns the unsubscribe function. */
  on(event: string, fn: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const own = set;
    // A wrapper per subscription, so that subscribing one function twice needs two unsubscribes.
    const listener: Listener = (payload) => fn(payload);
    own.add(listener);
    return () => {
      own.delete(listener);
      if (own.size === 0 && this.listeners.get(event) === own) this.listeners.delete(event);
    };
  }

  /** How many subscriptions `on` holds, over all events; 0 once every holder has unsubscribed. */
  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Records an error on the connection's snapshot without changing its state. */
  report(error: RealtimeError): void {
    this.set(this.snapshot.state, error);
  }

  /** Emits a client event without waiting for an answer. */
  emit(event: string, args: unknown[]): void {
    this.socket.emit(event, ...args);
  }

  /** Emits a client event and resolves with the server's ack data, or rejects with a RealtimeError. */
  async request(event: string, args: unknown[], room?: string): Promise<unknown> {
    const timeout = this.client.options.ackTimeout ?? 10000;
    let res: unknown;
    try {
      res = await this.socket.timeout(timeout).emitWithAck(event, ...args);
    } catch {
      throw new RealtimeError('timeout', `no answer to "${event}" within ${timeout} ms`, { event, room });
    }
    return unwrapAck(event, res, this.desc.ackTimes[event], room);
  }

  /**
   * Joins a room while at least one holder keeps it; returns the release function. The leave is
   * deferred by a tick, so that a React StrictMode unmount/remount neither leaves nor re-joins.
   */
  holdRoom(spec: RoomSpec, value: unknown): () => void {
    const name = roomName(spec, value);
    let entry = this.rooms.get(name);
    if (!entry) {
      entry = { spec, value, refs: 0, joined: false };
      this.rooms.set(name, entry);
    }
    clearTimeout(entry.leaveTimer);
    entry.leaveTimer = undefined;
    entry.refs++;
    if (entry.refs === 1 && !entry.joined && this.socket.connected) this.sendJoin(name, entry);
    const held = entry;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.refs--;
      if (held.refs > 0 || this.rooms.get(name) !== held) return;
      held.leaveTimer = setTimeout(() => {
        if (held.refs > 0 || this.rooms.get(name) !== held) return;
        this.rooms.delete(name);
        if (this.socket.connected) this.socket.emit(spec.leaveEvent, ...roomArgs(spec, held.value));
      }, 0);
    };
  }

  /** The rooms held now, by name: joined, or to be joined on (re)connect. */
  heldRooms(): string[] {
    return [...this.rooms.keys()];
  }

  private sendJoin(name: string, entry: RoomEntry): void {
    entry.joined = true;
    this.request(entry.spec.joinEvent, roomArgs(entry.spec, entry.value), name).catch((err: unknown) => {
      if (this.rooms.get(name) !== entry) return;
      this.set(this.snapshot.state, err instanceof RealtimeError ? err : new RealtimeError('internal', String(err), { room: name }));
    });
  }
}
