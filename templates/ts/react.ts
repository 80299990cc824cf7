// rtgen React bindings: written once, copied verbatim into every rtgen TypeScript output.
// Generated hooks are one-line calls of useNamespaceSocket with a namespace descriptor.
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { Socket } from 'socket.io-client';
import {
  RealtimeClient,
  RealtimeError,
  renderTemplate,
  roomName,
  roomSelected,
  type ClientEventMap,
  type ClientOptions,
  type ConnectionState,
  type EmitArgs,
  type NamespaceConnection,
  type NamespaceDescriptor,
  type ReconnectionOptions,
  type ServerEventMap,
  type StateSpec,
} from './runtime';

/** A toast for one of the current user's own events. */
export interface Toast {
  readonly event: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly payload: unknown;
}

/** Shows a toast with the app's own toast library, e.g. `(t) => toast(t.title, { description: t.description })`. */
export type Notifier = (toast: Toast) => void;

interface RealtimeContextValue {
  readonly client: RealtimeClient;
  readonly notify?: Notifier | undefined;
}

const RealtimeContext = createContext<RealtimeContextValue | null>(null);

/** Props of RealtimeProvider: connection options, an optional notifier, or a ready client. */
export interface RealtimeProviderProps extends ClientOptions {
  /** Called for toasts when a hook has `showToasts`. */
  notify?: Notifier;
  /** Use this client instead of creating one (its options win over the props). */
  client?: RealtimeClient;
  children?: ReactNode;
}

/** Makes the real-time connection available to the hooks below it. */
export function RealtimeProvider(props: RealtimeProviderProps): ReactNode {
  const { children, notify, client: given, url, path, withCredentials, transports, ackTimeout } = props;
  const authRef = useRef(props.auth);
  authRef.current = props.auth;
  const key = JSON.stringify([url, path, withCredentials, transports, ackTimeout]);
  const client = useMemo(
    () =>
      given ??
      new RealtimeClient({
        url,
        path,
        withCredentials,
        transports,
        ackTimeout,
        // Read at every (re)connect, so a new token is used without recreating the client.
        auth: () => {
          const a = authRef.current;
          return typeof a === 'function' ? a() : (a ?? {});
        },
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [given, key],
  );
  useEffect(() => client.retain(), [client]);
  const value = useMemo(() => ({ client, notify }), [client, notify]);
  return createElement(RealtimeContext.Provider, { value }, children);
}

function useRealtime(hook: string): RealtimeContextValue {
  const ctx = useContext(RealtimeContext);
  if (!ctx) {
    throw new Error(
      `${hook} must be used inside <RealtimeProvider>: wrap your app in <RealtimeProvider url="…"> ` +
        `(from the generated realtime module) so the hooks know which server to connect to.`,
    );
  }
  return ctx;
}

/**
 * Options every hook takes. Generated hooks add their room options, callbacks and, when the
 * namespace declares toasts, `showToasts`.
 */
export interface SocketHookOptions extends ReconnectionOptions {
  /** Connect on mount (default true); otherwise call `connect()`. */
  autoConnect?: boolean;
}

/** What every namespace hook returns, typed by the namespace's event maps. */
export interface SocketHookResult<S extends ServerEventMap, C extends ClientEventMap, IO = Socket> {
  readonly connected: boolean;
  readonly state: ConnectionState;
  /**
   * Whether the last reconnect recovered the connection state: the server replayed every event
   * missed while the connection was down, so nothing needs refetching. false after the first
   * connect and after a reconnect that had to start afresh (the hook's resync option, if the
   * schema names one, is called then).
   */
  readonly recovered: boolean;
  /**
   * Whether the server refused this client's contract (error code schema_mismatch): the client was
   * built from a schema the server's has broken; reload it (the schema's stale option is called).
   */
  readonly stale: boolean;
  /** The last connection, join or server error; cleared on (re)connect. */
  readonly error: RealtimeError | null;
  /** The underlying socket.io-client socket. Prefer `on`: it revives `Date` fields. */
  readonly socket: IO;
  /** Subscribes to a server event; returns the unsubscribe function. Stable across renders. */
  on<E extends keyof S & string>(event: E, handler: (payload: S[E]) => void): () => void;
  /** Emits a client event. */
  emit<E extends keyof C & string>(event: E, ...args: EmitArgs<C, E>): void;
  /** Emits a client event and resolves with its ack, or rejects with a RealtimeError. */
  emitWithAck<E extends keyof C & string>(event: E, ...args: EmitArgs<C, E>): Promise<C[E]['ack']>;
  connect(): void;
  disconnect(): void;
}

const reconnectKeys = [
  'reconnection',
  'reconnectionAttempts',
  'reconnectionDelay',
  'reconnectionDelayMax',
  'randomizationFactor',
  'timeout',
] as const;

type Callback = (payload: unknown) => void;

/**
 * What useNamespaceSocket returns before a generated hook gives it the namespace's types: the
 * common fields plus the descriptor's state values and actions.
 */
export type NamespaceSocketResult = SocketHookResult<ServerEventMap, ClientEventMap> & {
  readonly [name: string]: unknown;
};

/**
 * The hook behind every generated one: connects to the descriptor's namespace, joins the rooms its
 * options select (leaving them when the options change or on unmount, re-joining after reconnects),
 * keeps the declared derived state, calls the declared callbacks, raises toasts and returns the
 * declared actions. R is the generated hook's result type.
 */
export function useNamespaceSocket<R = NamespaceSocketResult>(
  desc: NamespaceDescriptor,
  hookOptions: SocketHookOptions,
  hook = 'useSocket',
): R {
  // Generated option types declare the descriptor's options; the runtime reads them by name.
  const options = hookOptions as SocketHookOptions & Readonly<Record<string, unknown>>;
  const { client, notify } = useRealtime(hook);
  const reconnect: ReconnectionOptions = {};
  for (const k of reconnectKeys) if (options[k] !== undefined) (reconnect as Record<string, unknown>)[k] = options[k];
  const reconnectKey = JSON.stringify(reconnect);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const conn = useMemo(() => client.connection(desc, reconnect), [client, desc, reconnectKey]);

  const latest = useRef({ options, notify });
  latest.current = { options, notify };

  const autoConnect = options.autoConnect ?? true;
  // Until the effect below has connected, a hook that will connect shows 'connecting', not the
  // 'disconnected' of a socket nobody has opened yet.
  const acquired = useRef<NamespaceConnection | null>(null);
  useEffect(() => {
    acquired.current = conn;
    return conn.acquire(autoConnect);
  }, [conn, autoConnect]);
  const snap = useSyncExternalStore(conn.watch, conn.getSnapshot, conn.getSnapshot);
  const state = autoConnect && acquired.current !== conn && snap.state === 'disconnected' ? 'connecting' : snap.state;

  const roomKey = JSON.stringify(desc.rooms.map((r) => (roomSelected(r, options[r.option]) ? roomName(r, options[r.option]) : null)));
  useEffect(() => {
    const o = latest.current.options;
    const releases = desc.rooms.filter((r) => roomSelected(r, o[r.option])).map((r) => conn.holdRoom(r, o[r.option]));
    return () => releases.forEach((release) => release());
  }, [conn, desc, roomKey]);

  const [derived, setDerived] = useState(() => initialState(desc.state));
  useEffect(() => {
    const events = new Set<string>();
    for (const s of desc.state) for (const e of stateEvents(s)) events.add(e);
    for (const c of desc.callbacks) for (const e of c.on) events.add(e);
    for (const t of desc.toasts) events.add(t.on);
    const offs = [...events].map((event) =>
      conn.on(event, (payload) => {
        if (desc.state.some((s) => stateEvents(s).includes(event))) {
          setDerived((prev) => reduceState(desc.state, prev, event, payload));
        }
        const { options: o, notify: n } = latest.current;
        for (const c of desc.callbacks) {
          const fn = o[c.option];
          if (c.on.includes(event) && typeof fn === 'function') (fn as Callback)(payload);
        }
        if (o.showToasts && n) {
          const p = (payload ?? {}) as Record<string, unknown>;
          for (const t of desc.toasts) {
            if (t.on !== event || o[t.owner] === undefined || p[t.owner] !== o[t.owner]) continue;
            n({
              event,
              title: renderTemplate(t.title, payload),
              description: t.description === undefined ? undefined : renderTemplate(t.description, payload),
              payload,
            });
          }
        }
      }),
    );
    return () => offs.forEach((off) => off());
  }, [conn, desc]);

  // The options the runtime calls without arguments: resync after a reconnect that lost events,
  // stale when the server refuses this client's contract.
  useEffect(() => {
    const call = (option: string | undefined) => () => {
      const fn = option === undefined ? undefined : latest.current.options[option];
      if (typeof fn === 'function') (fn as () => void)();
    };
    const offs = [conn.onResync(call(desc.resync)), conn.onStale(call(desc.stale))];
    return () => offs.forEach((off) => off());
  }, [conn, desc]);

  const on = useCallback((event: string, handler: Callback) => conn.on(event, handler), [conn]);
  const emit = useCallback((event: string, ...args: unknown[]) => conn.emit(event, args), [conn]);
  const emitWithAck = useCallback((event: string, ...args: unknown[]) => conn.request(event, args), [conn]);
  const connect = useCallback(() => conn.connect(), [conn]);
  const disconnect = useCallback(() => conn.close(), [conn]);
  const actions = useMemo(() => {
    const out: Record<string, (...args: unknown[]) => unknown> = {};
    for (const a of desc.actions) {
      out[a.name] = (...args: unknown[]) => {
        const payload: Record<string, unknown> = {};
        a.args.forEach((field, i) => (payload[field] = args[i]));
        for (const [field, option] of Object.entries(a.fill)) payload[field] = latest.current.options[option];
        if (!a.ack) {
          conn.emit(a.emit, [payload]);
          return undefined;
        }
        const answer = conn.request(a.emit, [payload]);
        // A failure also lands on `error`, so a caller that does not await the action still sees it
        // (and no unhandled rejection is raised for it).
        answer.catch((err: unknown) => conn.report(asRealtimeError(err, a.emit)));
        return answer;
      };
    }
    return out;
  }, [conn, desc]);

  const result: NamespaceSocketResult = {
    connected: state === 'connected',
    state,
    recovered: snap.recovered,
    error: snap.error,
    stale: snap.error?.code === 'schema_mismatch',
    socket: conn.socket,
    on: on as SocketHookResult<ServerEventMap, ClientEventMap>['on'],
    emit: emit as SocketHookResult<ServerEventMap, ClientEventMap>['emit'],
    emitWithAck: emitWithAck as SocketHookResult<ServerEventMap, ClientEventMap>['emitWithAck'],
    connect,
    disconnect,
    ...derived,
    ...actions,
  };
  // R is the result type generated with the descriptor: its state values and actions are the
  // descriptor's, which the runtime cannot see in the types.
  return result as R;
}

function asRealtimeError(err: unknown, event: string): RealtimeError {
  return err instanceof RealtimeError ? err : new RealtimeError('internal', String(err), { event });
}

function stateEvents(s: StateSpec): readonly string[] {
  return s.kind === 'value' ? s.set.map((x) => x.on) : s.on;
}

function initialState(specs: readonly StateSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of specs) out[s.name] = s.kind === 'last' ? null : s.kind === 'list' ? [] : s.initial;
  return out;
}

function reduceState(
  specs: readonly StateSpec[],
  prev: Record<string, unknown>,
  event: string,
  payload: unknown,
): Record<string, unknown> {
  const next = { ...prev };
  for (const s of specs) {
    if (s.kind === 'last' && s.on.includes(event)) next[s.name] = payload;
    else if (s.kind === 'list' && s.on.includes(event)) {
      next[s.name] = [payload, ...(prev[s.name] as unknown[])].slice(0, s.keep);
    } else if (s.kind === 'value') {
      for (const rule of s.set) {
        if (rule.on !== event) continue;
        next[s.name] = rule.field === undefined ? rule.value : (payload as Record<string, unknown> | null)?.[rule.field];
      }
    }
  }
  return next;
}
