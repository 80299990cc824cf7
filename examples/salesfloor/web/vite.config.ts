import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The generated TypeScript SDK lives at the repository root (generated/ts); pages import it as
// `@realtime`. The dev server proxies the API and the Socket.IO endpoint to the Go server.
const backend = process.env.SALESFLOOR_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: {
      '@realtime': here('../../../generated/ts'),
    },
  },
  server: {
    host: '127.0.0.1',
    fs: {
      allow: [here('.'), here('../../../generated/ts'), here('../../../node_modules')],
    },
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
  },
});
