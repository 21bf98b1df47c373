/**
 * Desktop build (`npm run build` = electron-vite build), written to out/:
 *   out/main/index.js      main process (ESM), entry src-main/shell/main.ts
 *   out/main/job-worker.js the job worker thread (src-main/operations/jobs.ts), beside index.js
 *   out/preload/index.cjs  preload, entry src-main/shell/preload.ts
 *   out/renderer/          the React renderer, from vite.renderer.config.ts
 *
 * Notes for whoever changes this file:
 * - Dependencies stay external to the main bundle (electron-builder ships node_modules), above
 *   all better-sqlite3, a native module that must be rebuilt for Electron's ABI.
 * - The SQL migrations are NOT bundled: src-main/core/storage/paths.ts reads db/migrations in
 *   development and process.resourcesPath/migrations in a packaged app, which
 *   build/electron-builder.yml provides with extraResources. Ship them when you add a target.
 * - The preload runs sandboxed: Electron gives it a tiny CommonJS `require` that knows only
 *   electron and a few built-ins, so it must be ONE CommonJS file with its dependencies
 *   (zod, via the contract) bundled in.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { mergeConfig, type Plugin, type UserConfig } from 'vite';
import { RENDERER_CSP } from './src-main/transports/security';
import rendererConfig from './vite.renderer.config';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (path: string) => resolve(projectRoot, path);

const SQLITE_BINDING_MODULE = fromRoot('src-main/shell/sqlite-binding.ts');

/**
 * Points `import 'better-sqlite3'` in the main bundle at src-main/shell/sqlite-binding.ts,
 * which loads the Electron build of the native module that `npm start` keeps beside the Node
 * build (see docs/desktop.md). The binding module itself gets the real, external package.
 */
function desktopSqliteBinding(): Plugin {
  return {
    name: 'billing-office:desktop-sqlite-binding',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'better-sqlite3') return null;
      if (importer && resolve(importer) === SQLITE_BINDING_MODULE) return { id: 'better-sqlite3', external: true };
      return SQLITE_BINDING_MODULE;
    },
  };
}

/**
 * The production window loads index.html from a file, where response headers do not exist,
 * so the CSP goes into the page itself. (frame-ancestors is ignored in a <meta> policy.)
 */
function cspMetaTag(): Plugin {
  const content = RENDERER_CSP.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'billing-office:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (/http-equiv=["']Content-Security-Policy["']/i.test(html)) return html;
        const tag = `<meta http-equiv="Content-Security-Policy" content="${content}" />`;
        // After <meta charset> when there is one (the charset must come first), else first in <head>.
        const charset = /<meta\s+charset=[^>]*>/i;
        return charset.test(html) ? html.replace(charset, (meta) => `${meta}\n    ${tag}`) : html.replace(/<head>/i, `<head>\n    ${tag}`);
      },
    },
  };
}

export default defineConfig({
  main: {
    plugins: [desktopSqliteBinding()],
    build: {
      outDir: fromRoot('out/main'),
      // better-sqlite3 is made external by the plugin above, after redirecting it.
      externalizeDeps: { exclude: ['better-sqlite3'] },
      rolldownOptions: {
        // The job worker (src-main/operations/jobs.ts) is its own entry: out/main/job-worker.js.
        input: { index: fromRoot('src-main/shell/main.ts'), 'job-worker': fromRoot('src-main/operations/job-worker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('src-main/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  // Same root, base, plugins and output as the browser-mode build, plus the CSP <meta>.
  renderer: mergeConfig(rendererConfig as UserConfig, {
    plugins: [cspMetaTag()],
    build: {
      rolldownOptions: { input: fromRoot('src-renderer/index.html') },
    },
  }),
});
