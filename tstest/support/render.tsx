// Renders the generated hooks inside a RealtimeProvider connected to a test server.
import { renderHook } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { RealtimeClient, RealtimeProvider, type Notifier } from '../../generated/ts';
import type { Json, TestServer } from './server';

export interface RealtimeRenderOptions<P> {
  /** The auth payload: `{ token: 'user:7:team:5,6' }` or `{ session: {...} }`; none for anonymous. */
  auth?: Record<string, Json>;
  notify?: Notifier;
  /** Render inside <StrictMode>, which mounts, unmounts and mounts again. */
  strict?: boolean;
  /** Use this client (to inspect its connections); default a new one for the server. */
  client?: RealtimeClient;
  initialProps?: P;
}

/** A client for the server with the given auth payload. */
export function clientFor(server: TestServer, auth?: Record<string, Json>): RealtimeClient {
  return new RealtimeClient({ url: server.url, auth: auth ?? {}, ackTimeout: 5000 });
}

/** renderHook with a RealtimeProvider (and optionally StrictMode) around the hook. */
export function renderRealtime<P, R>(server: TestServer, hook: (props: P) => R, opts: RealtimeRenderOptions<P> = {}) {
  const client = opts.client ?? clientFor(server, opts.auth);
  function Wrapper({ children }: { children: ReactNode }) {
    const tree = (
      <RealtimeProvider client={client} notify={opts.notify}>
        {children}
      </RealtimeProvider>
    );
    return opts.strict ? <StrictMode>{tree}</StrictMode> : tree;
  }
  const rendered = opts.initialProps === undefined
    ? renderHook(hook as (props?: P) => R, { wrapper: Wrapper })
    : renderHook(hook, { wrapper: Wrapper, initialProps: opts.initialProps });
  return { ...rendered, client };
}

/** Resolves with the next payload `on` delivers for event, or rejects after ms. */
export function nextEvent<T>(
  on: (event: never, handler: (payload: T) => void) => () => void,
  event: string,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const off = on(event as never, (payload) => {
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Collects every payload `on` delivers for event until stopped. */
export function collect<T>(on: (event: never, handler: (payload: T) => void) => () => void, event: string) {
  const got: T[] = [];
  const off = on(event as never, (payload) => got.push(payload));
  return { got, off };
}
