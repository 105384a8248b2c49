// Builds the two screens (cashier, customer display) as a multi-page app into dist/renderer/.
// `base: './'` keeps every URL relative, so one build works over http://host/cashier/ and over the
// Electron app's custom protocol.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = process.env.POS_RENDERER_DIR ?? fileURLToPath(new URL('./dist/renderer', import.meta.url));

/** The same policy the hosts send as a header, also in the built pages (never in dev: HMR needs inline scripts). */
export const RENDERER_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'chamra-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // No inline polyfill script: the CSP forbids it and Chromium supports modulepreload.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs except images (CSP allows data: only for img-src).
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: {
        cashier: fileURLToPath(new URL('./renderer/cashier/index.html', import.meta.url)),
        customer: fileURLToPath(new URL('./renderer/customer/index.html', import.meta.url)),
      },
      output: {
        // Libraries in one cacheable chunk with a plain name; each screen's own code in its entry.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: false,
    // `vite` dev server: the till service (browser mode) answers the API.
    proxy: { '/api': { target: `http://127.0.0.1:${process.env.POS_PORT ?? 4300}`, changeOrigin: false } },
  },
});
