// The global styles come first so that component styles, bundled after them, refine them.
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster, toast } from 'sonner';
import { App } from './app/App';
import { SessionProvider } from './app/session';
import { LiveProvider } from './live/wiring';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <LiveProvider notify={(t) => toast(t.title, { description: t.description })}>
        <App />
        <Toaster position="top-right" richColors closeButton />
      </LiveProvider>
    </SessionProvider>
  </StrictMode>,
);
