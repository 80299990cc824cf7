import { useCallback, useEffect, useRef } from 'react';

/**
 * Collects calls and runs fn once, `delay` ms after the last one (the seed's "Debounce Rapid
 * Updates"): a burst of ranking updates costs one refetch. Pending work is dropped on unmount.
 */
export function useDebounced(fn: () => void, delay: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), delay);
  }, [delay]);
}
