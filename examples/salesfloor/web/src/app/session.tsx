// The logged-in user, shared by every page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized } from '../api/client';
import type { CheckIn, Profile } from '../api/types';

interface SessionValue {
  /** undefined while the session is being checked; null when logged out. */
  user: Profile | null | undefined;
  /** Signs in; the answer includes the day's streak check-in, if the role has one. */
  login: (email: string, password: string) => Promise<{ user: Profile; checkIn?: CheckIn }>;
  logout: () => Promise<void>;
  /** Re-reads the profile (rank, XP, streak) after something changed it. */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Profile | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setUser(await api.get<Profile>('/api/me'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setUser(null);
      else throw err;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setUser(null));
    return onUnauthorized(() => setUser(null));
  }, [refresh]);

  const login = useCallback(async (email: string, password: string) => {
    const res = await api.post<{ user: Profile; checkIn?: CheckIn }>('/api/login', { email, password });
    setUser(res.user);
    return res;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/logout');
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, login, logout, refresh }), [user, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession must be used inside <SessionProvider>');
  return v;
}

/** The logged-in user; only for pages rendered after login. */
export function useUser(): Profile {
  const { user } = useSession();
  if (!user) throw new Error('useUser needs a logged-in user');
  return user;
}
