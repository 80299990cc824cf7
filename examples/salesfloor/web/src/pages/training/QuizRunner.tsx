// Taking a quiz: one question at a time, then the server's grading with XP and any level-up.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { QuizOutcome, QuizQuestions } from '../../api/types';
import type { TrainingProgress } from '../../live/types';
import { useResource } from '../../api/useResource';
import { CheckIcon, SparkIcon, XIcon } from '../../components/icons';
import { ErrorNote, Loading, ProgressBar } from '../../components/ui';

export interface QuizRunnerProps {
  quizId: string;
  /** The latest progress reported live, shown when it is this quiz's module. */
  moduleProgress?: TrainingProgress | null;
  /** Called as questions are answered, with the percent of the quiz answered. */
  onAnswered?: (moduleId: string, quizId: string, percent: number) => void;
  onClose: () => void;
  onDone: (outcome: QuizOutcome) => void;
}

export function QuizRunner({ quizId, moduleProgress, onAnswered, onClose, onDone }: QuizRunnerProps) {
  const quiz = useResource<QuizQuestions>(`/api/training/quizzes/${encodeURIComponent(quizId)}`);
  const [answers, setAnswers] = useState<(number | undefined)[]>([]);
  const [step, setStep] = useState(0);
  const [outcome, setOutcome] = useState<QuizOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const q = quiz.data;
  const question = q?.questions[step];
  const last = q ? step === q.questions.length - 1 : false;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const out = await api.post<QuizOutcome>('/api/training/complete-quiz', { quizId, answers });
      setOutcome(out);
      onDone(out);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not submit the quiz.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card quiz" aria-label="Quiz" data-quiz-open={quizId}>
      <div className="card-header">
        <div>
          <h2>{q?.title ?? 'Quiz'}</h2>
          {q && !outcome && (
            <div className="card-sub">
              Question {step + 1} of {q.questions.length}
              {moduleProgress?.moduleId === q.moduleId && <span className="module-progress"> · module {Math.round(moduleProgress.percentComplete)}% done</span>}
            </div>
          )}
        </div>
        <button className="btn btn-ghost btn-sm icon-btn" onClick={onClose} aria-label="Close quiz">
          <XIcon size={16} />
        </button>
      </div>
      <div className="card-body">
        {quiz.error ? (
          <ErrorNote message={quiz.error.message} onRetry={() => void quiz.refetch()} />
        ) : !q || !question ? (
          <Loading />
        ) : outcome ? (
          <QuizResultView outcome={outcome} prompts={q.questions.map((x) => x.prompt)} onClose={onClose} />
        ) : (
          <>
            <ProgressBar value={(step + (answers[step] !== undefined ? 1 : 0)) / q.questions.length} height={4} />
            <p className="quiz-prompt">{question.prompt}</p>
            <div className="quiz-options" role="radiogroup" aria-label="Answers">
              {question.options.map((opt, i) => (
                <button
                  key={i}
                  role="radio"
                  aria-checked={answers[step] === i}
                  className={`quiz-option ${answers[step] === i ? 'chosen' : ''}`}
                  onClick={() => {
                    const next = Object.assign([...answers], { [step]: i });
                    setAnswers(next);
                    const answered = next.filter((a) => a !== undefined).length;
                    onAnswered?.(q.moduleId, q.id, Math.round((answered / q.questions.length) * 100));
                  }}
                >
                  <span className="quiz-letter">{String.fromCharCode(65 + i)}</span>
                  {opt}
                </button>
              ))}
            </div>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            <div className="quiz-nav">
              <button className="btn btn-ghost" onClick={() => setStep((s) => s - 1)} disabled={step === 0}>
                Back
              </button>
              {last ? (
                <button className="btn btn-primary" onClick={() => void submit()} disabled={busy || !complete(answers, q.questions.length)}>
                  {busy ? <span className="spinner" /> : 'Submit answers'}
                </button>
              ) : (
                <button className="btn btn-primary" onClick={() => setStep((s) => s + 1)} disabled={answers[step] === undefined}>
                  Next
                </button>
              )}
            </div>
          </>
        )}
      </div>
    </section>
  );
}

/** Whether every one of n questions has an answer. */
function complete(answers: readonly (number | undefined)[], n: number): answers is number[] {
  return answers.length === n && answers.every((a) => a !== undefined);
}

function QuizResultView({ outcome, prompts, onClose }: { outcome: QuizOutcome; prompts: string[]; onClose: () => void }) {
  const { result, xp, levelUp } = outcome;
  return (
    <div className="quiz-result" data-score={result.score}>
      <div className="quiz-score">
        <div className={`score-ring ${result.passed ? 'pass' : 'fail'}`} style={{ ['--p' as string]: `${result.score}` }}>
          <strong className="num">{result.score}%</strong>
        </div>
        <div>
          <h3>{result.passed ? 'Passed!' : 'Keep practising'}</h3>
          <p className="muted">
            {result.correct} of {result.total} correct
          </p>
          <p className="xp-gain" data-xp-gain={xp.amount}>
            +{xp.amount} XP
          </p>
        </div>
      </div>
      {levelUp && (
        <div className="level-up big" role="status" data-level-up={levelUp.newLevel}>
          <SparkIcon size={22} />
          <span>
            <strong>Level {levelUp.newLevel}!</strong> You levelled up from {levelUp.previousLevel}.
            {levelUp.rewards?.badges?.length ? ` New badge: ${levelUp.rewards.badges.join(', ')}.` : ''}
            {levelUp.rewards?.unlocks?.length ? ` Unlocked: ${levelUp.rewards.unlocks.join(', ')}.` : ''}
          </span>
        </div>
      )}
      <ol className="review">
        {outcome.review.map((r, i) => (
          <li key={r.questionId} className={r.correct ? 'ok' : 'wrong'}>
            <span className="review-icon">{r.correct ? <CheckIcon size={14} strokeWidth={3} /> : <XIcon size={14} strokeWidth={3} />}</span>
            <div>
              <strong>{prompts[i]}</strong>
              <p>{r.explanation}</p>
            </div>
          </li>
        ))}
      </ol>
      <button className="btn btn-primary" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
