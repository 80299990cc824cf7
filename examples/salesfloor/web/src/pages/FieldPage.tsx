// Field chat with Susan, the field assistant: objection tips, call prep, follow-ups, closing, and
// where you stand. The chat runs over the /field socket, in the user's own conversation room; over
// HTTP while there is no connection.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { RealtimeError } from '@realtime';
import { api, ApiError } from '../api/client';
import type { FieldMessage } from '../api/types';
import { useResource } from '../api/useResource';
import { useUser } from '../app/session';
import { ChatIcon, SendIcon } from '../components/icons';
import { Avatar, Card, ErrorNote, Loading, TypingIndicator } from '../components/ui';
import { useFieldLive } from '../live/wiring';
import { clock, firstName } from '../util/format';
import '../components/chat.css';
import './field.css';

const starters = ['How am I doing on the leaderboard?', 'How do I handle a price objection?', 'They already use a competitor', 'Give me a follow-up email', 'How do I prep a first call?'];

/** Adds messages once each, in id order. */
function merge(prev: readonly FieldMessage[], more: readonly FieldMessage[]): FieldMessage[] {
  const byId = new Map(prev.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function FieldPage() {
  const me = useUser();
  const history = useResource<FieldMessage[]>('/api/field/messages');
  const [messages, setMessages] = useState<FieldMessage[]>([]);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (history.data) setMessages((m) => merge(m, history.data ?? []));
  }, [history.data]);

  // The question being sent over the socket, shown until the server acknowledges it with its id.
  const [pending, setPending] = useState<FieldMessage | null>(null);

  const live = useFieldLive({
    conversationId: me.conversationId,
    onReply: (r) =>
      setMessages((m) =>
        merge(m, [{ id: Number(r.messageId), userId: me.id, author: 'susan', message: r.message, suggestions: r.suggestions, timestamp: r.timestamp.toISOString() }]),
      ),
    onResync: () => void history.refetch(),
  });
  const typing = live.isTyping || sending;

  useEffect(() => {
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: 'smooth' });
  }, [messages.length, pending, typing]);

  // Live, the question goes over the socket and Susan's typing indicator and answer come back on
  // it; without a connection it goes over HTTP, whose answer is hers.
  const ask = async (text: string) => {
    const message = text.trim();
    if (!message || sending || pending) return;
    setError(null);
    setDraft('');
    if (live.connected) {
      setPending({ id: 0, userId: me.id, author: 'user', message, timestamp: new Date().toISOString() });
      try {
        const ack = await live.sendMessage(message);
        setMessages((m) => merge(m, [{ id: Number(ack.messageId), userId: me.id, author: 'user', message, timestamp: ack.receivedAt.toISOString() }]));
      } catch (err) {
        setDraft(message);
        setError(err instanceof RealtimeError ? err.message : 'Susan could not be reached.');
      } finally {
        setPending(null);
      }
      return;
    }
    setSending(true);
    try {
      const ex = await api.post<{ question: FieldMessage; answer: FieldMessage }>('/api/field/messages', { message });
      setMessages((m) => merge(m, [ex.question, ex.answer]));
    } catch (err) {
      setDraft(message);
      setError(err instanceof ApiError ? err.message : 'Susan could not be reached.');
    } finally {
      setSending(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void ask(draft);
  };
  const lastSuggestions = [...messages].reverse().find((m) => m.author === 'susan')?.suggestions ?? starters;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Ask Susan</h1>
          <p>Your field assistant for objections, call prep, follow-ups and closing.</p>
        </div>
      </div>
      <div className="grid-main">
        <section className="card chat field-chat" aria-label="Field chat">
          <div className="chat-head">
            <span className="susan-avatar" aria-hidden="true">
              S
            </span>
            <div className="chat-head-text">
              <strong>Susan</strong>
              <span>Field assistant · answers in seconds</span>
            </div>
          </div>
          <div className="chat-log" ref={scroller} aria-live="polite">
            {history.error && !history.data ? (
              <ErrorNote message={history.error.message} onRetry={() => void history.refetch()} />
            ) : !history.data ? (
              <Loading />
            ) : messages.length === 0 && !pending ? (
              <div className="field-empty">
                <ChatIcon size={28} />
                <strong>Hi {firstName(me.name)}, what’s come up in the field?</strong>
                <span>Ask anything, or start with one of the suggestions below.</span>
              </div>
            ) : (
              [...messages, ...(pending ? [pending] : [])].map((m) => (
                <div key={m.id} className={`msg ${m.author === 'user' ? 'mine' : 'theirs'}`} data-author={m.author}>
                  <div className="bubble">{m.message}</div>
                  <span className="msg-time">{clock(new Date(m.timestamp))}</span>
                </div>
              ))
            )}
            {typing && <TypingIndicator label="Susan is typing…" />}
          </div>
          <div className="field-suggest">
            <div className="suggestions">
              {lastSuggestions.map((s) => (
                <button key={s} className="suggestion" onClick={() => void ask(s)} disabled={sending || !!pending}>
                  {s}
                </button>
              ))}
            </div>
          </div>
          {error && (
            <p className="field-error chat-error" role="alert">
              {error}
            </p>
          )}
          <form className="chat-input" onSubmit={submit}>
            <input className="input" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Ask Susan…" aria-label="Your question" maxLength={2000} />
            <button className="btn btn-primary" type="submit" disabled={!draft.trim() || sending || !!pending} aria-label="Send">
              <SendIcon size={16} />
            </button>
          </form>
        </section>

        <aside className="stack">
          <Card title="What Susan knows">
            <ul className="susan-topics">
              <li>
                <strong>Objections</strong>
                <span>Price, timing, competitors, “I need to ask my boss”.</span>
              </li>
              <li>
                <strong>Call prep</strong>
                <span>Discovery questions and a ten-minute checklist.</span>
              </li>
              <li>
                <strong>Follow-ups</strong>
                <span>Short emails that get replies when a deal goes quiet.</span>
              </li>
              <li>
                <strong>Your numbers</strong>
                <span>Your rank, revenue and the gap to the next place.</span>
              </li>
            </ul>
          </Card>
          <Card title="You">
            <div className="field-me">
              <Avatar name={me.name} color={me.teamColor} size={44} />
              <div>
                <strong>{me.name}</strong>
                <span className="muted">
                  {me.rank ? `#${me.rank} of ${me.rankedOf} · ` : ''}
                  Level {me.level.level} · {me.streak.days}-day streak
                </span>
              </div>
            </div>
          </Card>
        </aside>
      </div>
    </div>
  );
}
