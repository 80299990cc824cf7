// The leaderboard page's side column: your standing, a sale form, team goals, the contest and the
// achievement feed.
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { api, ApiError } from '../../api/client';
import type { Contest, Earned, LeaderboardRow, Profile, SaleOutcome, Team } from '../../api/types';
import { AchievementIcon } from '../../components/AchievementIcon';
import { Card, ProgressBar, RankBadge, Stat } from '../../components/ui';
import { PlusIcon, TargetIcon, TrophyIcon } from '../../components/icons';
import { ago, daysUntil, firstName, money, ordinal, shortMoney } from '../../util/format';

/** Your rank, revenue and the gap to the next place. */
export function MyStanding({ me, rows }: { me: Profile; rows: readonly LeaderboardRow[] }) {
  const i = rows.findIndex((r) => r.userId === me.id);
  const mine = rows[i];
  if (!mine) return null;
  const ahead = i > 0 ? rows[i - 1] : undefined;
  return (
    <Card title="Your standing" sub={`${me.teamName} · ${me.title}`} className="standing">
      <div className="standing-grid">
        <Stat label="Rank" value={<>#{mine.rank}</>} hint={`of ${rows.length}`} />
        <Stat label="Revenue" value={shortMoney(mine.value)} hint={`${mine.deals} deals`} />
      </div>
      <p className="standing-gap">
        {ahead ? (
          <>
            <strong className="num">{money(ahead.value - mine.value + 1)}</strong> more passes {firstName(ahead.userName)} for {ordinal(ahead.rank)}.
          </>
        ) : (
          <>You lead the floor. Keep closing to stay on top.</>
        )}
      </p>
    </Card>
  );
}

/** Records one of your own sales. */
export function RecordSaleForm({ onRecorded }: { onRecorded: (out: SaleOutcome) => void }) {
  const [amount, setAmount] = useState('');
  const [customer, setCustomer] = useState('');
  const [product, setProduct] = useState('Growth Plan');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const dollars = Number(amount.replace(/[$,\s]/g, ''));
    if (!Number.isFinite(dollars) || dollars <= 0) {
      setError({ field: 'amount', message: 'Enter the deal amount in dollars.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const out = await api.post<SaleOutcome>('/api/sales', { amount: dollars, customer, product });
      toast.success(`Sale recorded: ${money(out.sale.amount)}`, { description: `${out.sale.customer} · ${out.sale.product}` });
      setAmount('');
      setCustomer('');
      onRecorded(out);
    } catch (err) {
      setError(err instanceof ApiError ? { field: err.field, message: err.message } : { message: 'Could not record the sale.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Log a sale" sub="Closed a deal? Put it on the board.">
      <form className="sale-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="sale-amount">Amount (USD)</label>
          <input id="sale-amount" className="input num" inputMode="decimal" placeholder="12,500" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={error?.field === 'amount'} />
        </div>
        <div className="field">
          <label htmlFor="sale-customer">Customer</label>
          <input id="sale-customer" className="input" placeholder="Globex Corporation" value={customer} onChange={(e) => setCustomer(e.target.value)} aria-invalid={error?.field === 'customer'} />
        </div>
        <div className="field">
          <label htmlFor="sale-product">Product</label>
          <select id="sale-product" className="input" value={product} onChange={(e) => setProduct(e.target.value)}>
            {['Growth Plan', 'Team Plan', 'Enterprise Suite', 'Analytics Add-on', 'Onboarding Package', 'Premium Support'].map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {busy ? <span className="spinner" /> : <PlusIcon size={16} />} Record sale
        </button>
      </form>
    </Card>
  );
}

/** Each team's progress towards its yearly goal. */
export function TeamGoals({ teams, myTeamId }: { teams: readonly Team[]; myTeamId: number }) {
  return (
    <Card title="Team goals" sub="Revenue this year">
      <ul className="goals">
        {teams.map((t) => (
          <li key={t.id} className={t.id === myTeamId ? 'mine' : ''}>
            <div className="goal-top">
              <span className="goal-name">
                <i style={{ background: t.color }} />
                {t.name}
              </span>
              {t.reachedAt ? (
                <span className="pill pill-success">
                  <TargetIcon size={12} /> Goal reached
                </span>
              ) : (
                <span className="num goal-pct">{Math.floor(t.progress * 100)}%</span>
              )}
            </div>
            <ProgressBar value={t.progress} color={t.color} label={`${t.name} goal progress`} />
            <div className="goal-nums num">
              {shortMoney(t.total)} <span className="muted">of {shortMoney(t.goal)}</span>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The running contest's top five and how long it has left. */
export function ContestCard({ contest, meId }: { contest: Contest; meId: number }) {
  const days = daysUntil(contest.endsAt);
  return (
    <Card
      title={
        <span className="contest-title">
          <TrophyIcon size={18} /> {contest.name}
        </span>
      }
      sub={contest.description}
      action={contest.active ? <span className="pill pill-warning">{days === 0 ? 'Ends today' : `${days} days left`}</span> : <span className="pill">Finished</span>}
    >
      {contest.standings.length === 0 ? (
        <p className="muted">No entries yet: the first deal takes the lead.</p>
      ) : (
        <ol className="contest-list">
          {contest.standings.slice(0, 5).map((s) => (
            <li key={s.userId} className={s.userId === meId ? 'me' : ''}>
              <RankBadge rank={s.rank} />
              <span className="contest-name">{s.userName}</span>
              <span className="num contest-pts">{s.points} pts</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

const rarityLabel: Record<Earned['rarity'], string> = { common: 'Common', rare: 'Rare', epic: 'Epic', legendary: 'Legendary' };

/** The floor's latest achievements. */
export function AchievementFeed({ items, now }: { items: readonly Earned[]; now: number }) {
  return (
    <Card title="Achievements" sub="Latest on the floor">
      {items.length === 0 ? (
        <p className="muted">Nothing yet today.</p>
      ) : (
        <ul className="feed">
          {items.map((a, i) => (
            <li key={`${a.userId}-${a.title}-${a.timestamp}-${i}`}>
              <AchievementIcon type={a.achievementType} rarity={a.rarity} />
              <span className="feed-text">
                <strong>{a.title}</strong>
                <span>
                  {a.userName} · {ago(a.timestamp, now)}
                </span>
              </span>
              <span className={`rarity-tag rarity-${a.rarity}`}>{rarityLabel[a.rarity]}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

