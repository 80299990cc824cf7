// Training: level and XP, the daily streak, the course with quizzes, and roleplay practice.
// XP and level come from the server's answers and from live events (xp:gained, level:up); the
// roleplay typing indicator is the live one, or the pending request while there is no socket.
import { useCallback, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { LevelUp, QuizOutcome, RoleplayLine, RoleplayOutcome, RoleplaySession, TrainingView } from '../api/types';
import { useResource } from '../api/useResource';
import { useSession, useUser } from '../app/session';
import { ErrorNote, Loading } from '../components/ui';
import { useDebounced } from '../hooks/useDebounced';
import type { RoleplayResponse } from '../live/types';
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

/** A live roleplay response as a transcript line. */
function replyLine(r: { messageId?: number; message: string; metadata?: RoleplayResponse['metadata']; timestamp?: Date | string }, speaker: RoleplayLine['speaker']): RoleplayLine {
  return {
    id: r.messageId ?? -Date.now(),
    speaker,
    message: r.message,
    score: r.metadata?.score,
    feedback: r.metadata?.feedback,
    techniques: r.metadata?.techniques,
    timestamp: r.timestamp instanceof Date ? r.timestamp.toISOString() : (r.timestamp ?? new Date().toISOString()),
  };
}

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

  const refetch = useCallback(() => {
    void training.refetch();
    void refresh();
  }, [training.refetch, refresh]);
  const refetchSoon = useDebounced(refetch, 500);

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
    onProgress: refetchSoon,
    onRoleplayResponse: (r) => {
      if (!session || (r.sessionId && r.sessionId !== session.sessionId)) return;
      setLines((prev) => appendLines(prev, [replyLine(r, 'buyer')]));
      if (r.metadata?.done) setDone(true);
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

  const send = async (message: string): Promise<boolean> => {
    if (!session) return false;
    setSending(true);
    setChatError(null);
    try {
      const out = await api.post<RoleplayOutcome>('/api/training/roleplay-message', { sessionId: session.sessionId, message });
      setLines((prev) => appendLines(prev, [out.sent, replyLine(out.reply, out.speaker)]));
      if (out.reply.metadata.done) setDone(true);
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
              {quizId ? <QuizRunner key={quizId} quizId={quizId} onClose={() => setQuizId(null)} onDone={onQuizDone} /> : <ModuleList modules={t.modules} onStart={setQuizId} />}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
