// Roleplay practice: pick a buyer, then handle their objection in a chat. The coach scores each
// answer; the typing indicator shows while the buyer "thinks".
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RoleplayLine, RoleplaySession, Scenario } from '../../api/types';
import { SendIcon } from '../../components/icons';
import { Avatar, Card, TypingIndicator } from '../../components/ui';
import '../../components/chat.css';
import { firstName } from '../../util/format';

const objectionLabel: Record<Scenario['objection'], string> = {
  price: 'Price',
  timing: 'Timing',
  competitor: 'Competitor',
  authority: 'Authority',
  need: 'Need',
};

export interface RoleplayPanelProps {
  scenarios: readonly Scenario[];
  /** The running session, or null to show the scenario picker. */
  session: RoleplaySession | null;
  /** The transcript, oldest first (the session's plus replies received since). */
  messages: readonly RoleplayLine[];
  /** The buyer is preparing a reply (live roleplay:typing, or a reply in flight). */
  isTyping: boolean;
  done: boolean;
  error: string | null;
  onStart: (scenarioId: string) => void;
  onSend: (message: string) => Promise<boolean>;
  onExit: () => void;
}

export function RoleplayPanel(props: RoleplayPanelProps) {
  const { scenarios, session } = props;
  if (!session) {
    return (
      <Card title="Roleplay practice" sub="Handle a buyer’s objection; the coach scores every answer">
        <ul className="scenarios">
          {scenarios.map((s) => (
            <li key={s.id}>
              <button className="scenario" onClick={() => props.onStart(s.id)} data-scenario={s.id}>
                <span className={`obj obj-${s.objection}`}>{objectionLabel[s.objection]}</span>
                <strong>{s.title}</strong>
                <span className="muted">{s.buyer}</span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
    );
  }
  return <RoleplayChat {...props} session={session} />;
}

function RoleplayChat({ session, messages, isTyping, done, error, onSend, onExit }: RoleplayPanelProps & { session: RoleplaySession }) {
  const [draft, setDraft] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const buyer = session.scenario.buyer.split(',')[0] ?? 'Buyer';

  useEffect(() => {
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: 'smooth' });
  }, [messages.length, isTyping]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    if (!(await onSend(text))) setDraft(text);
  };

  return (
    <section className="card chat roleplay" aria-label="Roleplay">
      <div className="chat-head">
        <Avatar name={buyer} color="#0ea5e9" size={40} />
        <div className="chat-head-text">
          <strong>{buyer}</strong>
          <span>{session.scenario.buyer.slice(buyer.length + 2)}</span>
        </div>
        <span className={`obj obj-${session.scenario.objection}`}>{objectionLabel[session.scenario.objection]}</span>
        <button className="btn btn-ghost btn-sm" onClick={onExit}>
          New scenario
        </button>
      </div>
      <p className="chat-brief">{session.scenario.brief}</p>
      <div className="chat-log" ref={scroller} aria-live="polite">
        {messages.map((m) => (
          <Message key={m.id} line={m} buyer={buyer} />
        ))}
        {isTyping && <TypingIndicator label={`${firstName(buyer)} is typing…`} />}
        {done && <div className="chat-done">Scenario complete. Pick another to keep practising.</div>}
      </div>
      {error && (
        <p className="field-error chat-error" role="alert">
          {error}
        </p>
      )}
      <form className="chat-input" onSubmit={send}>
        <input
          className="input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={done ? 'This scenario is over' : `Reply to ${firstName(buyer)}… (or ask for a hint)`}
          disabled={done}
          aria-label="Your reply"
          maxLength={2000}
        />
        <button className="btn btn-primary" type="submit" disabled={done || !draft.trim()} aria-label="Send">
          <SendIcon size={16} />
        </button>
      </form>
    </section>
  );
}

function Message({ line, buyer }: { line: RoleplayLine; buyer: string }) {
  if (line.speaker === 'rep') {
    return (
      <div className="msg mine" data-speaker="rep">
        <div className="bubble">{line.message}</div>
      </div>
    );
  }
  const coach = line.speaker === 'coach';
  return (
    <div className={`msg ${coach ? 'coach' : 'theirs'}`} data-speaker={line.speaker}>
      <div className="bubble">
        {coach && <span className="coach-tag">Coach</span>}
        {!coach && <span className="sr-only">{buyer}: </span>}
        {line.message}
      </div>
      {!!line.score && (
        <div className="assessment">
          <span className={`score score-${line.score >= 70 ? 'good' : line.score >= 40 ? 'ok' : 'low'}`}>{line.score}</span>
          <span>{line.feedback}</span>
        </div>
      )}
      {coach && line.feedback && <div className="assessment">{line.feedback}</div>}
    </div>
  );
}
