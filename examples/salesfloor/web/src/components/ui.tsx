// Small presentational building blocks used across pages.
import type { ReactNode } from 'react';
import { initials } from '../util/format';
import { ArrowDownIcon, ArrowUpIcon } from './icons';
import './ui.css';

/** Initials in a circle tinted with the team colour; a green dot when online. */
export function Avatar({ name, color, size = 36, online }: { name: string; color?: string; size?: number; online?: boolean }) {
  const c = color || '#64748b';
  return (
    <span
      className="avatar"
      style={{ width: size, height: size, fontSize: size * 0.38, background: `${c}1f`, color: c, boxShadow: `inset 0 0 0 1.5px ${c}55` }}
      aria-hidden="true"
    >
      {initials(name)}
      {online && <span className="avatar-online" title="Online" />}
    </span>
  );
}

/** #1–#3 as medals, others as a number. */
export function RankBadge({ rank, size = 'md' }: { rank: number; size?: 'md' | 'lg' }) {
  const medal = rank === 1 ? 'gold' : rank === 2 ? 'silver' : rank === 3 ? 'bronze' : '';
  return <span className={`rank-badge rank-${size} ${medal && `rank-medal rank-${medal}`}`}>{rank}</span>;
}

/** ▲2 or ▼1 for a rank that moved from `from` to `to` (lower is better); nothing when unchanged. */
export function RankDelta({ from, to }: { from: number; to: number }) {
  if (!from || from === to) return null;
  const up = to < from;
  const Icon = up ? ArrowUpIcon : ArrowDownIcon;
  return (
    <span className={`rank-delta ${up ? 'up' : 'down'}`} aria-label={`${up ? 'up' : 'down'} ${Math.abs(from - to)}`}>
      <Icon size={12} strokeWidth={3} />
      {Math.abs(from - to)}
    </span>
  );
}

/** A horizontal progress bar; value in [0, 1]. */
export function ProgressBar({ value, color, height = 8, label }: { value: number; color?: string; height?: number; label?: string }) {
  const pct = Math.max(0, Math.min(1, value)) * 100;
  return (
    <div className="progress" style={{ height }} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label={label}>
      <div className="progress-fill" style={{ width: `${pct}%`, background: color }} />
    </div>
  );
}

/** Three bouncing dots with a label, e.g. "Dana is typing". */
export function TypingIndicator({ label }: { label: string }) {
  return (
    <div className="typing" role="status" aria-live="polite">
      <span className="typing-dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      <span>{label}</span>
    </div>
  );
}

/** A card with a title row. */
export function Card({ title, sub, action, children, className = '' }: { title?: ReactNode; sub?: ReactNode; action?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`card ${className}`}>
      {(title || action) && (
        <div className="card-header">
          <div>
            {title && <h2>{title}</h2>}
            {sub && <div className="card-sub">{sub}</div>}
          </div>
          {action}
        </div>
      )}
      <div className="card-body">{children}</div>
    </section>
  );
}

/** A big number with a caption. */
export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value num">{value}</div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}

/** Shown while data loads. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="empty" role="status">
      <span className="spinner" /> <span style={{ marginLeft: 8 }}>{label}</span>
    </div>
  );
}

/** Shown when a request failed, with a retry. */
export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error-note" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button className="btn btn-ghost btn-sm" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
