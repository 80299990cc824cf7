// The frame around every signed-in page: brand, navigation, connection status and the user menu.
import type { ReactNode } from 'react';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { Avatar } from '../components/ui';
import { BookIcon, ChartIcon, ChatIcon, LogoutIcon, Logo, TvIcon } from '../components/icons';
import type { Inbox } from '../api/types';
import type { Resource } from '../api/useResource';
import { NotificationsBell } from '../components/NotificationsBell';
import type { MainLive } from '../live/types';
import { Link, usePath } from './router';
import { useSession, useUser } from './session';
import './shell.css';

const nav = [
  { to: '/', label: 'Leaderboard', icon: ChartIcon },
  { to: '/training', label: 'Training', icon: BookIcon },
  { to: '/field', label: 'Ask Susan', icon: ChatIcon },
];

export interface AppShellProps {
  /** The app-wide (main namespace) connection: its state in the header, and the inbox's live side. */
  connection: MainLive;
  inbox: Resource<Inbox>;
  children: ReactNode;
}

export function AppShell({ connection, inbox, children }: AppShellProps) {
  const path = usePath();
  const user = useUser();
  const { logout } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand" aria-label="Sales Floor home">
            <Logo size={30} />
            <span>Sales Floor</span>
          </Link>
          <nav className="nav" aria-label="Main">
            {nav.map(({ to, label, icon: Icon }) => (
              <Link key={to} to={to} className={`nav-link ${path === to ? 'active' : ''}`} aria-current={path === to ? 'page' : undefined}>
                <Icon size={17} />
                <span>{label}</span>
              </Link>
            ))}
            <a className="nav-link" href="/tv" target="_blank" rel="noreferrer">
              <TvIcon size={17} />
              <span>TV display</span>
            </a>
          </nav>
          <div className="topbar-right">
            <ConnectionStatus state={connection.state} recovered={connection.recovered} error={connection.error} />
            <NotificationsBell inbox={inbox} live={connection} />
            <div className="user-chip" title={`${user.name} · ${user.email}`}>
              <Avatar name={user.name} color={user.teamColor || '#4f46e5'} size={32} />
              <div className="user-chip-text">
                <strong>{user.name}</strong>
                <span>{user.teamName || user.title}</span>
              </div>
            </div>
            <button className="btn btn-ghost btn-sm icon-btn" onClick={() => void logout()} title="Log out" aria-label="Log out">
              <LogoutIcon size={16} />
            </button>
          </div>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}
