// Sign-in: email and password, or one click on a demo account.
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../api/client';
import type { CheckIn, DemoLogin } from '../api/types';
import { useResource } from '../api/useResource';
import { navigate, usePath } from '../app/router';
import { useSession } from '../app/session';
import { Avatar } from '../components/ui';
import { BoltIcon, ChartIcon, FlameIcon, Logo, TvIcon } from '../components/icons';
import './login.css';

const roleLabel: Record<DemoLogin['role'], string> = { rep: 'Rep', manager: 'Manager', admin: 'Admin', display: 'TV display' };
const teamColor: Record<string, string> = { Northstar: '#6366f1', Summit: '#10b981', Horizon: '#f59e0b' };

/** Toasts the day's streak: the user's own event, answered by the login itself. */
function announceCheckIn(c: CheckIn) {
  if (c.milestone) {
    toast.success(`${c.milestone.days}-day streak!`, { description: `+${c.milestone.bonusXP} XP bonus for training ${c.milestone.days} days in a row.` });
  } else if (c.counted && c.streak.days > 1) {
    toast(`${c.streak.days}-day streak`, { description: c.streak.nextMilestone ? `${c.streak.nextMilestone - c.streak.days} more to the ${c.streak.nextMilestone}-day milestone.` : 'Keep it going.' });
  }
  if (c.levelUp) toast.success(`Level ${c.levelUp.newLevel}!`, { description: 'Your streak bonus took you up a level.' });
}

export function LoginPage() {
  const { login } = useSession();
  const path = usePath();
  const demo = useResource<{ password: string; logins: DemoLogin[] }>('/api/demo-logins');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const signIn = async (e: string, p: string) => {
    setBusy(e);
    setError(null);
    try {
      const { user, checkIn } = await login(e, p);
      if (checkIn) announceCheckIn(checkIn);
      if (user.role === 'display') navigate('/tv', { replace: true });
      else if (path === '/login') navigate('/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not sign in.');
      setBusy(null);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(email, password);
  };

  return (
    <div className="login">
      <aside className="login-hero">
        <div className="login-brand">
          <Logo size={36} />
          <span>Sales Floor</span>
        </div>
        <div className="login-pitch">
          <h1>Every deal, on the board the moment it closes.</h1>
          <p>Live rankings, contests and coaching for your whole sales team, on every screen from the laptop to the lobby TV.</p>
          <ul>
            <li>
              <ChartIcon /> Live leaderboard with rank changes as they happen
            </li>
            <li>
              <FlameIcon /> XP, levels and daily streaks for training
            </li>
            <li>
              <BoltIcon /> Roleplay objection handling with an instant coach
            </li>
            <li>
              <TvIcon /> A TV display for the sales floor
            </li>
          </ul>
        </div>
        <p className="login-foot">Demo company · data stays on this machine</p>
      </aside>

      <section className="login-main">
        <form className="login-form card" onSubmit={submit} noValidate>
          <h2>Sign in</h2>
          <p className="muted">Use your work email, or pick a demo account below.</p>
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" className="input" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@company.com" required />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </div>
          {error && (
            <div className="field-error" role="alert">
              {error}
            </div>
          )}
          <button className="btn btn-primary" type="submit" disabled={busy !== null || !email || !password}>
            {busy === email && busy !== null ? <span className="spinner" /> : 'Sign in'}
          </button>
        </form>

        {demo.data && (
          <div className="demo">
            <div className="demo-head">
              <h3>Demo accounts</h3>
              <span className="pill">
                password <code>{demo.data.password}</code>
              </span>
            </div>
            <ul className="demo-list">
              {demo.data.logins.map((l) => (
                <li key={l.email}>
                  <button className="demo-user" onClick={() => void signIn(l.email, demo.data?.password ?? '')} disabled={busy !== null} data-email={l.email}>
                    <Avatar name={l.name} color={l.team ? teamColor[l.team] : '#64748b'} size={34} />
                    <span className="demo-user-text">
                      <strong>{l.name}</strong>
                      <span>
                        {l.title}
                        {l.team ? ` · ${l.team}` : ''}
                      </span>
                    </span>
                    <span className={`pill ${l.role === 'rep' ? '' : 'pill-primary'}`}>{busy === l.email ? <span className="spinner" /> : roleLabel[l.role]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
