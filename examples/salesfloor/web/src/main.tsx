// The global styles come first so that component styles, bundled after them, refine them.
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster } from 'sonner';
import { App } from './app/App';
import { SessionProvider } from './app/session';
import { showToast } from './live/toasts';
import { LiveProvider } from './live/wiring';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <LiveProvider notify={showToast}>
        <App />
        {/* Below the top bar, which holds the connection status and the inbox. */}
        <Toaster position="top-right" offset={{ top: 76, right: 24 }} mobileOffset={{ top: 112 }} richColors closeButton />
      </LiveProvider>
    </SessionProvider>
  </StrictMode>,
);
