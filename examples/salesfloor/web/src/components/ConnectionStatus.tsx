// The connection-status indicator: one of the seed's five states, with the last error on hover.
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
  error?: LiveError | null;
  /** Dark surfaces (the TV display). */
  tone?: 'light' | 'dark';
}

export function ConnectionStatus({ state, error, tone = 'light' }: ConnectionStatusProps) {
  const title = error ? `${labels[state]}: ${error.message}` : labels[state];
  return (
    <span className={`conn conn-${state} conn-${tone}`} role="status" aria-live="polite" title={title} data-state={state}>
      <span className="conn-dot" aria-hidden="true" />
      {labels[state]}
    </span>
  );
}

/** The seed's "Live" badge; when not live it says what the connection is doing instead. */
export function LiveBadge({ state }: { state: ConnectionState }) {
  return state === 'connected' ? (
    <span className="live-badge" data-live="true">
      <span className="live-pulse" aria-hidden="true" />
      LIVE
    </span>
  ) : (
    <span className="pill" data-live="false">
      {labels[state]}
    </span>
  );
}
