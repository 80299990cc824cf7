import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster, toast } from 'sonner';
import { App } from './app/App';
import { SessionProvider } from './app/session';
import { LiveProvider } from './live/wiring';
import './styles/global.css';

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
