// Formatting helpers shared by every page.

const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
const int = new Intl.NumberFormat('en-US');

/** $12,500 */
export const money = (dollars: number): string => usd0.format(dollars);

/** $12.5K */
export const shortMoney = (dollars: number): string => compact.format(dollars);

/** 1,234 */
export const count = (n: number): string => int.format(n);

/** 1st, 2nd, 3rd, 4th… */
export function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] ?? s[v] ?? s[0] ?? 'th');
}

/** "MC" for "Maya Chen". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** "Maya" for "Maya Chen". */
export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? name;

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 min ago", "yesterday"; now is injectable for ticking clocks. */
export function ago(when: Date | string, now: number = Date.now()): string {
  const t = typeof when === 'string' ? Date.parse(when) : when.getTime();
  if (Number.isNaN(t)) return '';
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86400), 'day');
}

/** Days left until a date, at least 0. */
export function daysUntil(when: string, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(when) - now) / 86_400_000));
}

/** Clock time like "3:42 PM". */
export const clock = (d: Date): string => d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
