import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react-swc';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The admin console: served by the auth server under /console, built next to (not inside) dist/apps. */
export default defineConfig({
  root: here,
  base: '/console/',
  plugins: [react()],
  resolve: { alias: { '@app/contracts': `${repoRoot}libs/contracts/src` } },
  build: {
    outDir: `${repoRoot}dist/admin-console`,
    emptyOutDir: true,
    sourcemap: false,
    // The page's CSP allows only 'self' scripts: no inlined module preload helper, no data: URLs for assets.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
