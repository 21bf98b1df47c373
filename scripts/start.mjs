#!/usr/bin/env node
/**
 * `npm start`: the desktop window where Electron can run, BROWSER MODE where it cannot.
 *
 *   npm start [-- <args>]        args go to browser mode (--port N, --data DIR, --db FILE,
 *                                --renderer DIR: serve that build, skip the build step)
 *                                or to the Electron app
 *
 * SIGINT, SIGTERM or SIGHUP to npm or to this script, or the death of npm's shell, stops the
 * child it runs (browser mode closes its PDF Chromium first); browser mode also exits when
 * this script dies (its IPC channel closes).
 *   npm run dev                  desktop with the Vite dev server and hot reload
 *   BILLING_OFFICE_MODE=browser  always browser mode;  =desktop  desktop or fail
 *
 * Desktop needs node_modules/electron's binary (downloaded on first use; we try once, for at
 * most 45 s), a display, and better-sqlite3 built for Electron (kept beside the Node build,
 * see scripts/native-sqlite.mjs). If any of that is missing, this says which and falls back.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureElectronSqlite, ensureNodeSqlite, projectRoot } from './native-sqlite.mjs';

const DOWNLOAD_TIMEOUT_MS = 45_000;
const electronPackage = join(projectRoot, 'node_modules', 'electron');

function say(line = '') {
  process.stdout.write(`${line}\n`);
}

/** The Electron executable named by node_modules/electron/path.txt, if it is on disk. */
function installedElectron() {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return { path: undefined, reason: 'its binary has not been downloaded (node_modules/electron/path.txt is missing)' };
  const executable = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return { path: undefined, reason: `${executable} is missing` };
  return { path: executable, reason: '' };
}

/** Runs electron's own installer once, briefly; returns why it failed, or '' on success. */
function tryDownloadElectron() {
  say(`Electron's binary is not downloaded yet; trying to download it (at most ${DOWNLOAD_TIMEOUT_MS / 1000} s)...`);
  const result = spawnSync(process.execPath, [join(electronPackage, 'install.js')], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.error?.code === 'ETIMEDOUT' || result.signal) return `downloading it timed out after ${DOWNLOAD_TIMEOUT_MS / 1000} s`;
  if (result.status === 0) return '';
  const firstError = `${result.stderr ?? ''}`.split('\n').map((line) => line.trim()).find((line) => /error/i.test(line));
  return `downloading it failed: ${firstError ?? `the installer exited with ${result.status}`}`;
}

/** Whether a desktop window can open here, and if not, why. */
function desktopAvailability() {
  if (!existsSync(join(electronPackage, 'package.json'))) return { electronPath: undefined, reason: 'the electron package is not installed (run npm install)' };
  let installed = installedElectron();
  if (!installed.path) {
    const failure = tryDownloadElectron();
    installed = installedElectron();
    if (!installed.path) return { electronPath: undefined, reason: failure || installed.reason };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { electronPath: undefined, reason: 'there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set)' };
  }
  return { electronPath: installed.path, reason: '' };
}

/** The child running now (a build, browser mode, Electron), and whether we were told to stop. */
let currentChild = null;
let stopRequested = false;

/**
 * Stops what this script started, once: a signal to this script, or the loss of its parent,
 * is passed to the running child (browser mode then closes its PDF Chromium and exits), and
 * nothing new is started after it.
 */
function stopChild(signal) {
  stopRequested = true;
  if (currentChild && currentChild.exitCode === null && currentChild.signalCode === null) currentChild.kill(signal);
}

/**
 * `npm start` runs this script under `sh -c`. A signal sent to npm's PID reaches that shell,
 * which dies without passing it on, and this script would be left running with the server and
 * its Chromium. So the loss of our parent is treated like SIGTERM. (Polled: Node has no event
 * for it; process.ppid is read afresh each time.)
 */
function stopWhenOrphaned() {
  const parentPid = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parentPid) {
      clearInterval(timer);
      stopChild('SIGTERM');
    }
  }, 250);
  timer.unref();
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // Ctrl+C also reaches the child through the process group; a second SIGINT is harmless there
  // (browser mode stops once), while a SIGINT sent to this PID alone must not be ignored.
  process.on(signal, () => {
    if (!currentChild) process.exit(130);
    stopChild(signal);
  });
}

/**
 * Runs a child to completion with our terminal; resolves to its exit code. `ipc` gives it a
 * channel that closes when this script dies, however it dies (browser mode exits then).
 */
function run(command, args, options = {}, { ipc = false } = {}) {
  if (stopRequested) return Promise.resolve(130);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: ipc ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit', ...options });
    currentChild = child;
    child.on('error', (error) => {
      say(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      if (currentChild === child) currentChild = null;
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGHUP' ? 0 : 1));
    });
  });
}

function newestModification(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

/** The built renderer is missing, or older than its sources (the renderer bundles src-shared too). */
function rendererIsStale() {
  const index = join(projectRoot, 'out', 'renderer', 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['src-renderer', 'src-shared', 'vite.renderer.config.ts'].map((path) => newestModification(join(projectRoot, path)));
  return Math.max(...sources) > statSync(index).mtimeMs;
}

function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /npm-cli\.[cm]?js$/.test(npmCli)) return run(process.execPath, [npmCli, 'run', script]);
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], { shell: process.platform === 'win32' });
}

async function startBrowserMode(args) {
  ensureNodeSqlite({ log: say });
  // `--renderer DIR` serves that build as it is (tests, a packaged renderer): nothing to build.
  if (!args.includes('--renderer') && rendererIsStale()) {
    say('Building the renderer (npm run build:renderer)...');
    const built = await npmRun('build:renderer');
    if (built !== 0) {
      if (!existsSync(join(projectRoot, 'out', 'renderer', 'index.html'))) {
        say('The renderer did not build, so there is nothing to show in the browser. Fix the error above and run npm start again.');
        return built;
      }
      say('The renderer did not build; serving the previous build. Fix the error above to see your changes.');
    }
  }
  // browser-mode.ts prints the address to open (with its one-time secret) when it is ready.
  return run(process.execPath, ['--import', 'tsx', 'src-main/transports/browser-mode.ts', ...args], {}, { ipc: true });
}

async function startDesktop(electronPath, args, dev) {
  const env = { ...process.env, BILLING_OFFICE_SQLITE_BINDING: ensureElectronSqlite({ log: say }) };
  // If set, Electron would behave as plain Node and never open a window.
  delete env.ELECTRON_RUN_AS_NODE;
  const electronVite = join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (dev) return run(process.execPath, [electronVite, 'dev', '--', ...args], { env });
  const built = await run(process.execPath, [electronVite, 'build'], { env });
  if (built !== 0) return built;
  return run(electronPath, [projectRoot, ...args], { env });
}

async function main() {
  stopWhenOrphaned();
  const rawArgs = process.argv.slice(2);
  const dev = rawArgs.includes('--dev');
  const args = rawArgs.filter((arg) => arg !== '--dev');
  const forced = (process.env.BILLING_OFFICE_MODE ?? '').trim().toLowerCase();
  if (forced !== '' && forced !== 'browser' && forced !== 'desktop') {
    say(`BILLING_OFFICE_MODE is "${forced}"; use "browser", "desktop", or leave it unset.`);
    return 2;
  }
  if (forced !== 'browser') {
    const { electronPath, reason } = desktopAvailability();
    let problem = reason;
    if (electronPath) {
      try {
        return await startDesktop(electronPath, args, dev);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
    }
    if (forced === 'desktop') {
      say(`The desktop app cannot start: ${problem}. (BILLING_OFFICE_MODE=desktop, so not falling back to browser mode.)`);
      return 1;
    }
    say(
      electronPath
        ? `The desktop app cannot start on this machine (${problem}); starting BROWSER MODE instead.`
        : `The Electron binary is not available on this machine (${problem}); starting BROWSER MODE instead.`,
    );
  } else {
    say('BILLING_OFFICE_MODE=browser: starting BROWSER MODE.');
  }
  return startBrowserMode(args);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    say(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
