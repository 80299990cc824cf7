// How the user's own real-time events look as toasts. The generated hooks raise a Toast (with the
// schema's title and description) only for the current user's events; this picks the tone, and
// rewords or skips the few that read better another way.
import { toast } from 'sonner';
import type { Notification, QuizResult, RankingUpdate, Toast } from '@realtime';

/** Shows a toast for one of the user's own events. */
export function showToast(t: Toast): void {
  const description = t.description || undefined;
  switch (t.event) {
    case 'rank:changed': {
      const u = t.payload as RankingUpdate;
      // A drop comes with a notification naming who passed you; a climb is celebrated here.
      if (u.newRank >= u.previousRank) return;
      toast.success(`You moved up to #${u.newRank}`, { description: `Up from #${u.previousRank} on this year's revenue.` });
      return;
    }
    case 'quiz:completed': {
      // The quiz card shows the full result; the toast is for a quiz finished on another screen.
      const q = t.payload as QuizResult;
      if (document.querySelector(`[data-quiz-open="${CSS.escape(q.quizId)}"]`)) return;
      toast(t.title, { description });
      return;
    }
    case 'notification': {
      const n = t.payload as Notification;
      const show = n.level === 'success' ? toast.success : n.level === 'warning' ? toast.warning : n.level === 'error' ? toast.error : toast.info;
      show(t.title, { description });
      return;
    }
    case 'level:up':
    case 'streak:milestone':
    case 'achievement:earned':
    case 'achievement:unlocked':
      toast.success(t.title, { description });
      return;
    default:
      toast(t.title, { description });
  }
}
