/**
 * The demo page. `vite build web` writes web/dist/, a static folder that works
 * from any static server and from file:// alike:
 *
 * - base './': every asset URL is relative to index.html;
 * - one classic (IIFE) script, no module script and no `crossorigin`: Chromium
 *   refuses module scripts and CORS-mode requests from file:// pages, and the
 *   sample run is compiled into the script for the same reason (no fetch).
 */
import { defineConfig, type Plugin } from 'vite';

/**
 * The built page runs nothing but its own script and styles, whatever a file
 * it opens contains (the page never turns data into markup; this is the
 * second lock). Only in the build: Vite's dev server injects inline styles.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'";

/** Turns Vite's `<script type="module" crossorigin>` into a plain deferred script, and adds the CSP. */
const classicScript = (): Plugin => ({
  name: 'classic-script',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) =>
      html
        .replace(/<script type="module" crossorigin/g, '<script defer')
        .replace(/<link rel="stylesheet" crossorigin/g, '<link rel="stylesheet"')
        .replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  },
});

export default defineConfig({
  base: './',
  plugins: [classicScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    // One stylesheet file, linked from index.html (an IIFE build would otherwise inject it from the script).
    cssCodeSplit: false,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      output: { format: 'iife', inlineDynamicImports: true },
    },
  },
  preview: { host: '127.0.0.1' },
});
