// Routes between the login page, the TV display and the signed-in pages.
import { useEffect } from 'react';
import { toast } from 'sonner';
import { useMainLive } from '../live/wiring';
import { Loading } from '../components/ui';
import { FieldPage } from '../pages/FieldPage';
import { LeaderboardPage } from '../pages/LeaderboardPage';
import { LoginPage } from '../pages/LoginPage';
import { TrainingPage } from '../pages/TrainingPage';
import { TVPage } from '../pages/TVPage';
import { AppShell } from './AppShell';
import { navigate, usePath } from './router';
import { useSession } from './session';

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
  const main = useMainLive({
    onNotice: (n) => {
      const show = n.level === 'success' ? toast.success : n.level === 'warning' ? toast.warning : toast.info;
      show(n.title, { description: n.message });
    },
  });
  return (
    <AppShell connection={main}>
      {path === '/training' ? <TrainingPage /> : path === '/field' ? <FieldPage /> : <LeaderboardPage />}
    </AppShell>
  );
}
