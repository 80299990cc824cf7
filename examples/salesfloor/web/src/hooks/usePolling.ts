import { useEffect, useRef } from 'react';

/**
 * Calls fn every `interval` ms while enabled and the page is visible. Pages poll only while the
 * live connection is down, so data stays fresh without a socket.
 */
export function usePolling(fn: () => void, interval: number, enabled: boolean): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    if (!enabled) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') latest.current();
    }, interval);
    return () => clearInterval(id);
  }, [interval, enabled]);
}
