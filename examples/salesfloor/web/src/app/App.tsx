// Routes between the login page, the TV display and the signed-in pages.
import { useEffect } from 'react';
import { toast } from 'sonner';
import type { Inbox } from '../api/types';
import { useResource } from '../api/useResource';
import { useMainLive } from '../live/wiring';
import { Loading } from '../components/ui';
import { FieldPage } from '../pages/FieldPage';
import { LeaderboardPage } from '../pages/LeaderboardPage';
import { LoginPage } from '../pages/LoginPage';
import { TrainingPage } from '../pages/TrainingPage';
import { TVPage } from '../pages/TVPage';
import { AppShell } from './AppShell';
import { navigate, usePath } from './router';
import { useSession, useUser } from './session';

export function App() {
  const path = usePath();
  const { user } = useSession();

  // Display accounts only ever show the TV page.
  useEffect(() => {
    if (user?.role === 'display' && path !== '/tv') navigate('/tv', { replace: true });
  }, [user, path]);

  if (user === undefined) return <Loading label="Opening the sales floor…" />;
  if (user === null) return <LoginPage />;
  if (path === '/tv') return <TVPage />;
  return <SignedIn path={path} />;
}

function SignedIn({ path }: { path: string }) {
  const me = useUser();
  const inbox = useResource<Inbox>('/api/notifications');
  const main = useMainLive({
    userId: me.id,
    onNotice: (n) => {
      const show = n.level === 'success' ? toast.success : n.level === 'warning' ? toast.warning : n.level === 'error' ? toast.error : toast.info;
      show(n.title, { description: n.message });
    },
    onNotification: () => void inbox.refetch(),
    onResync: () => void inbox.refetch(),
  });
  return (
    <AppShell connection={main} inbox={inbox}>
      {path === '/training' ? <TrainingPage /> : path === '/field' ? <FieldPage /> : <LeaderboardPage />}
    </AppShell>
  );
}
