import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './shared/csp.js';

/**
 * The built page carries its Content-Security-Policy in a meta tag too, so it holds when
 * Electron loads the files directly; the browser host also sends it as a header.
 * Only in builds: the dev server's React preamble is an inline script.
 */
function cspMeta(): Plugin {
  return {
    name: 'pos-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/; frame-ancestors 'none'/, '')}" />`),
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // No source maps in the built app: the browser host would serve the till's whole source
    // to anyone who reaches the page. `vite` (dev) always has them; POS_SOURCEMAP=1 asks a
    // build for them while debugging (the host still refuses to serve *.map).
    sourcemap: process.env.POS_SOURCEMAP === '1',
  },
});
