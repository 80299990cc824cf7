// The inbox in the top bar: a bell with the unread count, and a panel of the latest notifications.
// Opening it marks what it shows read (over the socket when live, else over HTTP).
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Inbox } from '../api/types';
import type { Resource } from '../api/useResource';
import type { MainLive } from '../live/types';
import { ago } from '../util/format';
import { BellIcon } from './icons';
import './notifications.css';

export interface NotificationsBellProps {
  inbox: Resource<Inbox>;
  live: MainLive;
}

export function NotificationsBell({ inbox, live }: NotificationsBellProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const unread = live.unreadCount ?? inbox.data?.unread ?? 0;
  const items = inbox.data?.items ?? [];

  // Close on a click elsewhere or Escape.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const { refetch } = inbox;
  const { connected, markRead } = live;
  // What the panel shows while open counts as read.
  useEffect(() => {
    if (!open) return;
    const ids = items.filter((n) => !n.read).map((n) => n.id);
    if (ids.length === 0) return;
    const done = connected ? markRead(ids.map(String)) : api.post('/api/notifications/read', { ids });
    done.then(() => refetch()).catch(() => {
      // The badge keeps the count; the next open tries again.
    });
  }, [open, items, connected, markRead, refetch]);

  return (
    <div className="bell" ref={root}>
      <button
        className="btn btn-ghost btn-sm icon-btn bell-btn"
        onClick={() => {
          setOpen((o) => !o);
          if (!open) void refetch();
        }}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        data-unread={unread}
      >
        <BellIcon size={18} />
        {unread > 0 && <span className="bell-count num">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div className="bell-panel" role="dialog" aria-label="Notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            <span className="muted">{unread ? `${unread} unread` : 'All caught up'}</span>
          </div>
          {items.length === 0 ? (
            <p className="bell-empty">Nothing yet. When someone passes you, logs a deal for you or your team hits its goal, you’ll hear about it here.</p>
          ) : (
            <ul className="bell-list">
              {items.map((n) => (
                <li key={n.id} className={`bell-item lvl-${n.level} ${n.read ? '' : 'unread'}`}>
                  <span className="bell-dot" aria-hidden="true" />
                  <div>
                    <strong>{n.title}</strong>
                    <p>{n.message}</p>
                    <span className="bell-time">{ago(n.createdAt)}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
