/**
 * Build of the renderer alone (browser mode and e2e). electron-vite's renderer section mirrors
 * these settings: root src-renderer, relative base (the app is loaded from files in the desktop
 * build), output in out/renderer.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${projectRoot}src-renderer`,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${projectRoot}out/renderer`,
    emptyOutDir: true,
  },
});
