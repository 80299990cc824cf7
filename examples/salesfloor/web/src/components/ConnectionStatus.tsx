// The connection-status indicator: one of the seed's five states, with the last error on hover.
// data-recovered says whether the last reconnect got back everything sent while it was down.
import type { ConnectionState, LiveError } from '../live/types';
import './live.css';

const labels: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  disconnected: 'Offline',
  reconnecting: 'Reconnecting…',
  error: 'Connection error',
};

export interface ConnectionStatusProps {
  state: ConnectionState;
  /** The last reconnect recovered every event missed meanwhile. */
  recovered?: boolean;
  error?: LiveError | null;
  /** Dark surfaces (the TV display). */
  tone?: 'light' | 'dark';
}

/** The hover text: the state, and what the last reconnect or error says about it. */
function describe(state: ConnectionState, recovered: boolean, error: LiveError | null | undefined): string {
  if (error) return `${labels[state]}: ${error.message}`;
  if (state === 'connected' && recovered) return `${labels[state]}: reconnected without missing an update`;
  return labels[state];
}

export function ConnectionStatus({ state, recovered = false, error, tone = 'light' }: ConnectionStatusProps) {
  return (
    <span
      className={`conn conn-${state} conn-${tone}`}
      role="status"
      aria-live="polite"
      title={describe(state, recovered, error)}
      data-state={state}
      data-recovered={recovered}
    >
      <span className="conn-dot" aria-hidden="true" />
      {labels[state]}
    </span>
  );
}

/** The seed's "Live" badge; when not live it says what the connection is doing instead. */
export function LiveBadge({ state, recovered = false }: { state: ConnectionState; recovered?: boolean }) {
  return state === 'connected' ? (
    <span className="live-badge" data-live="true" data-recovered={recovered} title={describe(state, recovered, null)}>
      <span className="live-pulse" aria-hidden="true" />
      LIVE
    </span>
  ) : (
    <span className="pill" data-live="false">
      {labels[state]}
    </span>
  );
}
