#!/usr/bin/env node
/**
 * better-sqlite3 is a native module: one compiled binary per runtime ABI. Node (tests, CLI,
 * browser mode) and Electron (the desktop window) have different ABIs, so this project keeps
 * TWO builds side by side instead of rebuilding one back and forth:
 *
 *   node_modules/better-sqlite3/build/Release/better_sqlite3.node        for Node
 *   node_modules/.cache/billing-office/sqlite-electron-<version>-<platform>-<arch>/
 *     node_modules/better-sqlite3/build/Release/better_sqlite3.node      for Electron
 *
 * `npm start` builds the Electron copy on first use (ensureElectronSqlite) and hands its path to
 * the main process in BILLING_OFFICE_SQLITE_BINDING (read by src-main/shell/sqlite-binding.ts).
 *
 * Something may still rebuild the Node copy for Electron in place (`npm run dist` does, as does
 * `electron-builder install-app-deps` or `electron-rebuild`). Then plain Node cannot load it,
 * and `node scripts/native-sqlite.mjs --ensure-node` (run before tests and browser mode)
 * rebuilds it for Node with `npm rebuild better-sqlite3`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const nodeModules = join(projectRoot, 'node_modules');

const LOAD_CHECK = "const Database = require('better-sqlite3'); new Database(':memory:').close();";

/** Messages that mean "compiled for another runtime or missing", which a rebuild fixes. */
const REBUILD_FIXES = /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|wrong ELF class|not a valid Win32 application|Could not locate the bindings file|incompatible architecture|ERR_DLOPEN_FAILED/;

/** Whether plain Node can load better-sqlite3 and open a database (checked in a child process). */
export function checkNodeSqlite() {
  const result = spawnSync(process.execPath, ['-e', LOAD_CHECK], { cwd: projectRoot, encoding: 'utf8' });
  if (result.status === 0) return { ok: true, message: '' };
  const message = `${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
  return { ok: false, message, rebuildFixes: REBUILD_FIXES.test(message) };
}

function npmCommand(args) {
  // Under `npm run`, npm_execpath is npm's own CLI script: run it with this Node.
  const npmCli = process.env.npm_execpath;
  if (npmCli && /npm-cli\.[cm]?js$/.test(npmCli)) return { command: process.execPath, args: [npmCli, ...args], shell: false };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args, shell: process.platform === 'win32' };
}

/** Makes sure plain Node can load better-sqlite3, rebuilding it for Node if it was built for Electron. */
export function ensureNodeSqlite({ log = console.log } = {}) {
  const first = checkNodeSqlite();
  if (first.ok) return;
  if (!first.rebuildFixes) {
    throw new Error(`better-sqlite3 does not load in Node, and rebuilding will not fix this:\n${first.message}`);
  }
  log('better-sqlite3 is compiled for another runtime (probably Electron, after `npm run dist`); rebuilding it for Node...');
  const npm = npmCommand(['rebuild', 'better-sqlite3']);
  const rebuilt = spawnSync(npm.command, npm.args, { cwd: projectRoot, stdio: 'inherit', shell: npm.shell });
  const second = checkNodeSqlite();
  if (rebuilt.status !== 0 || !second.ok) {
    throw new Error(
      `Rebuilding better-sqlite3 for Node failed. Run \`npm rebuild better-sqlite3\` yourself and read its output.\n${second.message}`,
    );
  }
  log('better-sqlite3 now loads in Node.');
}

function packageVersion(folder) {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version;
}

export function electronVersion() {
  return packageVersion(join(nodeModules, 'electron'));
}

/** Where the Electron build of better-sqlite3 lives for this Electron version and machine. */
export function electronSqlitePaths(version = electronVersion()) {
  const folder = join(nodeModules, '.cache', 'billing-office', `sqlite-electron-${version}-${process.platform}-${process.arch}`);
  const moduleFolder = join(folder, 'node_modules', 'better-sqlite3');
  return {
    folder,
    moduleFolder,
    binding: join(moduleFolder, 'build', 'Release', 'better_sqlite3.node'),
    stamp: join(folder, 'built-from.json'),
  };
}

/**
 * Returns the path of a better-sqlite3 binary built for this Electron version, building it on
 * first use from a copy of node_modules/better-sqlite3 (the Node build is left alone).
 * Needs the network once (a prebuilt binary from GitHub, or Electron's headers to compile).
 */
export function ensureElectronSqlite({ log = console.log } = {}) {
  const version = electronVersion();
  const paths = electronSqlitePaths(version);
  const source = join(nodeModules, 'better-sqlite3');
  const wanted = { electron: version, betterSqlite3: packageVersion(source) };
  if (existsSync(paths.binding) && existsSync(paths.stamp)) {
    const built = JSON.parse(readFileSync(paths.stamp, 'utf8'));
    if (built.electron === wanted.electron && built.betterSqlite3 === wanted.betterSqlite3) return paths.binding;
  }
  const rebuildCli = join(nodeModules, '@electron', 'rebuild', 'lib', 'cli.js');
  if (!existsSync(rebuildCli)) {
    throw new Error('@electron/rebuild is not installed (it comes with electron-builder); run `npm install`');
  }
  log(`Building better-sqlite3 ${wanted.betterSqlite3} for Electron ${version} (first desktop start only)...`);
  rmSync(paths.folder, { recursive: true, force: true });
  mkdirSync(dirname(paths.moduleFolder), { recursive: true });
  const manifest = { name: 'billing-office-electron-sqlite', private: true, dependencies: { 'better-sqlite3': wanted.betterSqlite3 } };
  writeFileSync(join(paths.folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // electron-rebuild treats the nearest folder with a lock file as the project root and rebuilds
  // every better-sqlite3 up to it; this lock file keeps it inside this folder, off the Node build.
  writeFileSync(join(paths.folder, 'package-lock.json'), `${JSON.stringify({ name: manifest.name, lockfileVersion: 3, requires: true, packages: {} }, null, 2)}\n`);
  // Copy real files (never a symlink back to the Node build), without the Node binary, so
  // nothing can mistake one build for the other — and electron-rebuild cannot touch the original.
  cpSync(source, paths.moduleFolder, {
    recursive: true,
    dereference: true,
    filter: (path) => relative(source, path).split(sep)[0] !== 'build',
  });
  const copied = realpathSync(paths.moduleFolder);
  if (lstatSync(paths.moduleFolder).isSymbolicLink() || relative(realpathSync(paths.folder), copied).startsWith('..')) {
    throw new Error(`refusing to build for Electron: ${paths.moduleFolder} is not a private copy`);
  }
  const result = withNodeBuildGuarded(() =>
    spawnSync(process.execPath, [rebuildCli, '--version', version, '--module-dir', paths.folder, '--only', 'better-sqlite3', '--force'], {
      cwd: paths.folder,
      stdio: 'inherit',
    }),
  );
  if (result.status !== 0 || !existsSync(paths.binding)) {
    throw new Error(`could not build better-sqlite3 for Electron ${version} (electron-rebuild exited with ${result.status ?? result.signal})`);
  }
  writeFileSync(paths.stamp, `${JSON.stringify(wanted)}\n`);
  return paths.binding;
}

/**
 * Runs `work` and makes sure the Node build of better-sqlite3 is exactly as before afterwards:
 * a native rebuild that wanders into the wrong folder must never cost the tests their module
 * (recompiling it takes minutes and, without network, may be impossible).
 */
function withNodeBuildGuarded(work) {
  const nodeBinding = join(nodeModules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const saved = join(nodeModules, '.cache', 'billing-office', 'node-better_sqlite3.node');
  const hadNodeBuild = existsSync(nodeBinding) && checkNodeSqlite().ok;
  if (hadNodeBuild) {
    mkdirSync(dirname(saved), { recursive: true });
    copyFileSync(nodeBinding, saved);
  }
  try {
    return work();
  } finally {
    if (hadNodeBuild && !checkNodeSqlite().ok) {
      console.error('The Electron rebuild touched the Node build of better-sqlite3; putting the Node build back.');
      mkdirSync(dirname(nodeBinding), { recursive: true });
      copyFileSync(saved, nodeBinding);
    }
  }
}

// As a script: `node scripts/native-sqlite.mjs --ensure-node` (pretest) or `--ensure-electron`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const action = process.argv[2];
  try {
    if (action === '--ensure-node') {
      ensureNodeSqlite();
    } else if (action === '--ensure-electron') {
      console.log(ensureElectronSqlite());
    } else if (action === '--check') {
      const check = checkNodeSqlite();
      console.log(check.ok ? 'better-sqlite3 loads in Node.' : `better-sqlite3 does NOT load in Node:\n${check.message}`);
      process.exitCode = check.ok ? 0 : 1;
    } else {
      console.error('Usage: node scripts/native-sqlite.mjs --ensure-node | --ensure-electron | --check');
      process.exitCode = 2;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
