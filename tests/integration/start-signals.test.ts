/**
 * `npm start` in browser mode, stopped the way a service manager or a terminal stops it: SIGTERM
 * to npm's own PID, or SIGINT to the launcher. Everything it started — the launcher (scripts/start.mjs), browser mode, and
 * the PDF renderer's Chromium — must be gone a few seconds later. (npm runs the script under
 * `sh -c`; the shell dies of the signal without passing it on, which used to orphan the rest.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_SECRET_HEADER, httpPathFor } from '../../src-shared/bridge';
import { DEMO_PASSWORD } from '../../src-main/core/demo';

const ROOT = resolve(__dirname, '../..');

interface Proc {
  pid: number;
  ppid: number;
  state: string;
  cmdline: string;
}

/** Every live process on this machine (zombies are dead: their parent just has not reaped them). */
function processes(): Proc[] {
  const found: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (state !== 'Z') found.push({ pid: Number(entry), ppid: Number(ppid), state: state!, cmdline });
    } catch {
      // It ended while we looked.
    }
  }
  return found;
}

/** The process and all its descendants. */
function tree(rootPid: number): Proc[] {
  const all = processes();
  const inTree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const proc of all) if (!inTree.has(proc.pid) && inTree.has(proc.ppid)) (inTree.add(proc.pid), (grew = true));
  }
  return all.filter((proc) => inTree.has(proc.pid));
}

/** Processes still alive from `pids`, plus any whose command line names the test's folder. */
function survivors(pids: readonly number[], folder: string): Proc[] {
  return processes().filter((proc) => pids.includes(proc.pid) || proc.cmdline.includes(folder));
}

let folder = '';
let npm: ChildProcess | undefined;

afterEach(() => {
  // Whatever the test left (it should leave nothing): each by its own id.
  for (const proc of survivors([], folder)) {
    try {
      process.kill(proc.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (npm?.pid && npm.exitCode === null) npm.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

/** Starts `npm start` in browser mode on a new data folder; resolves with the launch URL. */
function startNpm(): Promise<string> {
  folder = mkdtempSync(join(tmpdir(), 'billing-office-start-'));
  const renderer = join(folder, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Billing Office</title>');
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('BILLING_OFFICE_')));
  npm = spawn('npm', ['start', '--', '--data', join(folder, 'data'), '--port', '0', '--renderer', renderer], {
    cwd: ROOT,
    // TMPDIR: Chromium's profile folder (puppeteer's user-data-dir) lands in our folder, so its
    // command line names it.
    env: { ...env, BILLING_OFFICE_MODE: 'browser', BILLING_OFFICE_DEMO_ACCOUNTS: '20', TMPDIR: folder },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^BILLING_OFFICE_URL=(\S+)$/m.exec(output)?.[1];
      if (url) done(url);
    };
    npm!.stdout!.on('data', onData);
    npm!.stderr!.on('data', onData);
    npm!.on('exit', (code) => fail(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
}

async function call(baseUrl: string, secret: string, op: Parameters<typeof httpPathFor>[0], input: unknown, token?: string): Promise<{ ok: boolean; value?: any; error?: unknown }> {
  const response = await fetch(`${baseUrl}${httpPathFor(op)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HTTP_SECRET_HEADER]: secret, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ input }),
  });
  return (await response.json()) as { ok: boolean; value?: any };
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** What a signal is sent to: npm's own PID, or the launcher script under it. */
type Target = 'npm' | 'launcher';

describe('npm start stopped by a signal', () => {
  // SIGINT goes to the launcher: sent to npm's PID alone it stops at npm's `sh -c`, which
  // (Debian's dash) waits for its child before acting on it (docs/desktop.md, "Stopping it").
  const cases: [NodeJS.Signals, Target][] = [
    ['SIGTERM', 'npm'],
    ['SIGINT', 'launcher'],
    // The launcher cannot pass anything on: browser mode sees its IPC channel close and stops.
    ['SIGKILL', 'launcher'],
  ];
  for (const [signal, target] of cases) {
    it(`${signal} to ${target === 'npm' ? "npm's" : "the launcher's"} PID stops the launcher, browser mode and the PDF Chromium`, async () => {
      const launchUrl = await startNpm();
      const url = new URL(launchUrl);
      const secret = url.hash.replace('#launch=', '');
      const login = await call(url.origin, secret, 'session.login', { username: 'clerk', password: DEMO_PASSWORD });
      expect(login.ok).toBe(true);
      // A PDF starts the renderer's Chromium.
      const pdf = await call(url.origin, secret, 'endOfDay.pdf', {}, login.value.token);
      expect(pdf).toMatchObject({ ok: true, value: { pdfBase64: expect.stringMatching(/^JVBERi/) } });

      const started = tree(npm!.pid!);
      const chromium = processes().filter((proc) => proc.cmdline.includes('chromium') && proc.cmdline.includes(folder));
      expect(chromium.length, 'Chromium is running for this office').toBeGreaterThan(0);
      expect(started.some((proc) => proc.cmdline.includes('browser-mode.ts'))).toBe(true);
      const launcher = started.find((proc) => proc.cmdline.startsWith('node scripts/start.mjs'));
      expect(launcher).toBeDefined();
      const pids = [...started, ...chromium].map((proc) => proc.pid);

      process.kill(target === 'npm' ? npm!.pid! : launcher!.pid, signal);
      await waitUntil(() => survivors(pids, folder).length === 0, 8_000);
      expect(survivors(pids, folder).map((proc) => `${proc.pid} ${proc.cmdline.slice(0, 120)}`)).toEqual([]);
    }, 90_000);
  }
});
