// Training: level and XP, the daily streak, the course with quizzes, and roleplay practice.
// XP and level come from the server's answers and from live events (xp:gained, level:up); roleplay
// messages go over the socket, and the coach's typing indicator and replies come back on it.
import { useCallback, useRef, useState } from 'react';
import { RealtimeError } from '@realtime';
import { api, ApiError } from '../api/client';
import type { LevelUp, QuizOutcome, RoleplayLine, RoleplayOutcome, RoleplaySession, TrainingView } from '../api/types';
import { useResource } from '../api/useResource';
import { useSession, useUser } from '../app/session';
import { ErrorNote, Loading } from '../components/ui';
import { useDebounced } from '../hooks/useDebounced';
import type { TrainingProgress } from '../live/types';
import { useTrainingLive } from '../live/wiring';
import { LevelCard, StreakCard } from './training/ProgressCards';
import { ModuleList } from './training/ModuleList';
import { QuizRunner } from './training/QuizRunner';
import { RoleplayPanel } from './training/RoleplayPanel';
import './training/training.css';

/** Adds lines to a transcript, once each (a reply can arrive over HTTP and live). */
function appendLines(prev: readonly RoleplayLine[], lines: readonly RoleplayLine[]): RoleplayLine[] {
  const ids = new Set(prev.map((l) => l.id));
  return [...prev, ...lines.filter((l) => !ids.has(l.id))];
}

/** A line not stored yet (or whose id is not known yet): negative ids never clash with stored ones. */
let pendingID = 0;
const nextPendingID = () => --pendingID;

export function TrainingPage() {
  const me = useUser();
  const { refresh } = useSession();
  const training = useResource<TrainingView>('/api/training');
  const [quizId, setQuizId] = useState<string | null>(null);
  const [levelUp, setLevelUp] = useState<LevelUp | null>(null);
  const [session, setSession] = useState<RoleplaySession | null>(null);
  const [lines, setLines] = useState<RoleplayLine[]>([]);
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);
  const [chatError, setChatError] = useState<string | null>(null);
  const [moduleProgress, setModuleProgress] = useState<TrainingProgress | null>(null);

  const refetch = useCallback(() => {
    void training.refetch();
    void refresh();
  }, [training.refetch, refresh]);
  const refetchSoon = useDebounced(refetch, 500);

  // The transcript as stored: ids, who answered (the buyer, or the coach with a hint), the
  // assessment, and whether the scenario is over, which a live reply does not carry.
  const current = useRef<string | null>(null);
  current.current = session?.sessionId ?? null;
  const reloadSession = useCallback(async (id: string) => {
    try {
      const v = await api.get<RoleplaySession>(`/api/training/roleplay/${encodeURIComponent(id)}`);
      if (current.current !== id) return;
      setLines(v.messages);
      setDone(v.done);
    } catch (err) {
      if (current.current === id) setChatError(err instanceof ApiError ? err.message : 'Could not load the conversation.');
    }
  }, []);

  const live = useTrainingLive({
    userId: me.id,
    sessionId: session?.sessionId,
    showToasts: true,
    onXPGain: (e) => {
      training.setData((t) => (t && e.newTotal > t.level.totalXP ? { ...t, level: { ...t.level, totalXP: e.newTotal } } : t));
      refetchSoon();
    },
    onLevelUp: (e) => {
      setLevelUp(e);
      refetchSoon();
    },
    onStreak: refetchSoon,
    onProgress: (p) => {
      if (p) setModuleProgress(p);
      refetchSoon();
    },
    onRoleplayResponse: (r) => {
      if (!session) return;
      // Shown at once; the stored transcript replaces it a moment later.
      const line: RoleplayLine = { id: nextPendingID(), speaker: 'buyer', message: r.message, score: r.metadata?.score, feedback: r.metadata?.feedback, timestamp: new Date().toISOString() };
      setLines((prev) => [...prev, line]);
      void reloadSession(session.sessionId);
    },
    onResync: () => {
      refetch();
      if (session) void reloadSession(session.sessionId);
    },
  });

  const onQuizDone = (out: QuizOutcome) => {
    if (out.levelUp) setLevelUp(out.levelUp);
    refetch();
  };

  const start = async (scenarioId: string) => {
    setChatError(null);
    try {
      const s = await api.post<RoleplaySession>('/api/training/roleplay', { scenarioId });
      setSession(s);
      setLines(s.messages);
      setDone(s.done);
    } catch (err) {
      setChatError(err instanceof ApiError ? err.message : 'Could not start the roleplay.');
    }
  };

  // Live, the message goes over the socket: the server acknowledges it once stored, and the coach's
  // typing indicator and reply follow as events. Without a connection it goes over HTTP, whose
  // answer is the reply.
  const send = async (message: string): Promise<boolean> => {
    if (!session) return false;
    setChatError(null);
    if (live.connected) {
      const mine: RoleplayLine = { id: nextPendingID(), speaker: 'rep', message, timestamp: new Date().toISOString() };
      setLines((prev) => [...prev, mine]);
      try {
        const ack = await live.sendMessage(message);
        setLines((prev) => prev.map((l) => (l === mine ? { ...l, id: Number(ack.messageId), timestamp: ack.receivedAt.toISOString() } : l)));
        return true;
      } catch (err) {
        setLines((prev) => prev.filter((l) => l !== mine));
        setChatError(err instanceof RealtimeError ? err.message : 'Could not send your message.');
        return false;
      }
    }
    setSending(true);
    try {
      const out = await api.post<RoleplayOutcome>('/api/training/roleplay-message', { sessionId: session.sessionId, message });
      const r = out.reply;
      const reply: RoleplayLine = { id: r.messageId, speaker: out.speaker, message: r.message, score: r.metadata.score, feedback: r.metadata.feedback, techniques: r.metadata.techniques, timestamp: r.timestamp };
      setLines((prev) => appendLines(prev, [out.sent, reply]));
      if (r.metadata.done) setDone(true);
      if (out.levelUp) setLevelUp(out.levelUp);
      if (out.xp) refetch();
      return true;
    } catch (err) {
      setChatError(err instanceof ApiError ? err.message : 'Could not send your message.');
      return false;
    } finally {
      setSending(false);
    }
  };

  const reportProgress = (moduleId: string, lessonId: string, percent: number) => {
    // Progress mid-quiz is only shown; a report that fails loses nothing.
    if (live.connected) live.reportProgress(moduleId, lessonId, percent).catch(() => undefined);
  };

  if (training.error && !training.data) {
    return (
      <div className="page">
        <ErrorNote message={training.error.message} onRetry={() => void training.refetch()} />
      </div>
    );
  }
  const t = training.data;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Training</h1>
          <p>Sharpen your pitch, earn XP and keep your streak alive.</p>
        </div>
      </div>
      {!t ? (
        <Loading label="Loading your training…" />
      ) : (
        <div className="training">
          <div className="training-top">
            <LevelCard level={t.level} levelUp={levelUp} />
            <StreakCard streak={t.streak} />
          </div>
          <div className="grid-main training-grid">
            <div className="stack">
              <RoleplayPanel
                scenarios={t.scenarios}
                session={session}
                messages={lines}
                isTyping={live.isTyping || sending}
                done={done}
                error={chatError}
                onStart={(id) => void start(id)}
                onSend={send}
                onExit={() => {
                  setSession(null);
                  setLines([]);
                  setDone(false);
                }}
              />
            </div>
            <div className="stack">
              {quizId ? (
                <QuizRunner key={quizId} quizId={quizId} moduleProgress={moduleProgress} onAnswered={reportProgress} onClose={() => setQuizId(null)} onDone={onQuizDone} />
              ) : (
                <ModuleList modules={t.modules} onStart={setQuizId} />
              )}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
