import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// The demo pages. `npm run dev` serves them with hot reload and proxies the API, the embed
// bundle and the inbox to the reference server; `npm run build` writes them to dist/demo,
// which `npm start` serves. Pages under demo/public (the dealer page) are copied untouched:
// they show the script tag with no build step.
const api = process.env.SHOWROOM_API_ORIGIN ?? 'http://127.0.0.1:4310';
const root = resolve(import.meta.dirname, 'demo');

export default defineConfig({
  root,
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    strictPort: false,
    proxy: { '/api': api, '/embed': api, '/inbox': api },
  },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/demo'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        kiosk: resolve(root, 'kiosk.html'),
        react: resolve(root, 'react.html'),
        vue: resolve(root, 'vue.html'),
      },
    },
  },
});
