import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vite's config loader provides import.meta.dirname; no Node imports here (the renderer lint rules forbid them).
const rendererRoot = import.meta.dirname;
const repoRoot = `${import.meta.dirname}/..`;

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: the build is served from Electron's app:// protocol and the dev harness.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome128',
    sourcemap: true,
    // No inline scripts or data: URLs for scripts: the CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // One bundle read from local disk: size matters less than on the web.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // The renderer imports types (and nothing else) from ../common.
    fs: { allow: [repoRoot] },
  },
});
