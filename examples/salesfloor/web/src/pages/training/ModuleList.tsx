// The course: modules with progress and their quizzes.
import type { ModuleView } from '../../api/types';
import { CheckIcon } from '../../components/icons';
import { Card, ProgressBar } from '../../components/ui';

export function ModuleList({ modules, onStart }: { modules: readonly ModuleView[]; onStart: (quizId: string) => void }) {
  return (
    <Card title="Course" sub="Short quizzes: XP for every attempt, full XP for a new best">
      <div className="modules">
        {modules.map((m) => (
          <div key={m.id} className="module">
            <div className="module-head">
              <div>
                <h3>{m.title}</h3>
                <p className="muted">{m.summary}</p>
              </div>
              <span className="num module-pct">{m.progress.percent}%</span>
            </div>
            <ProgressBar value={m.progress.percent / 100} height={6} label={`${m.title} progress`} />
            <ul className="quiz-list">
              {m.quizzes.map((q) => (
                <li key={q.id}>
                  <span className={`quiz-check ${q.bestScore >= 70 ? 'done' : ''}`} aria-hidden="true">
                    {q.bestScore >= 70 && <CheckIcon size={14} strokeWidth={3} />}
                  </span>
                  <span className="quiz-text">
                    <strong>{q.title}</strong>
                    <span>
                      {q.questions} questions · {q.minutes} min{q.bestScore >= 0 ? ` · best ${q.bestScore}%` : ''}
                    </span>
                  </span>
                  <button className="btn btn-ghost btn-sm" onClick={() => onStart(q.id)} data-quiz={q.id}>
                    {q.bestScore >= 0 ? 'Retake' : 'Start'}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </Card>
  );
}
