import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './client';

/** The state of a fetched resource. */
export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Fetches again; concurrent calls collapse into the latest. */
  refetch: () => Promise<void>;
  /** Replaces the data locally, e.g. with an optimistic update. */
  setData: (update: (prev: T | undefined) => T | undefined) => void;
}

/** Fetches a GET endpoint on mount and whenever path changes; null path fetches nothing. */
export function useResource<T>(path: string | null): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const current = useRef<AbortController | null>(null);

  const refetch = useCallback(async () => {
    if (path === null) return;
    current.current?.abort();
    const ctl = new AbortController();
    current.current = ctl;
    setLoading(true);
    try {
      const next = await api.get<T>(path, ctl.signal);
      if (ctl.signal.aborted) return;
      setDataState(next);
      setError(null);
    } catch (err) {
      if (ctl.signal.aborted) return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'error', String(err)));
    } finally {
      if (!ctl.signal.aborted) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void refetch();
    return () => current.current?.abort();
  }, [refetch]);

  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, refetch, setData };
}
