import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = import.meta.dirname;

/**
 * The Wardline web UI. `npm run build:web` writes `dist/web/`, which the server serves with an
 * SPA fallback to index.html. In development the dev server proxies the API to a local
 * `wardline serve` on https://localhost:8443 (self-signed, hence `secure: false`).
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${webRoot}/../dist/web`,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
            },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            // The map page loads these lazily; kept out of `vendor` so other pages never fetch them.
            { name: 'cytoscape', test: /node_modules[\\/]cytoscape[\\/]/ },
            { name: 'yaml', test: /node_modules[\\/]yaml[\\/]/ },
            // The patch-SLA dashboard's trend chart loads these lazily, like the map's Cytoscape.
            {
              name: 'recharts',
              test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|internmap|decimal\.js-light|eventemitter3|es-toolkit|immer|reselect|@reduxjs|redux|redux-thunk|react-redux|use-sync-external-store|tiny-invariant)[\\/]/,
            },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'https://localhost:8443', secure: false },
      '/healthz': { target: 'https://localhost:8443', secure: false },
    },
  },
});
