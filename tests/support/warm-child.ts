/**
 * A child process started ahead of its job, for tests that SIGKILL many children in a row (the
 * crash-injection test): loading the app's modules under tsx costs about a second, so the next
 * child loads while the current one runs and is killed. The child prints "loaded" once ready and
 * then reads its job as one JSON line on stdin (see tests/support/crash-child.ts).
 * runChild (child.ts) is the one-shot form: arguments on the command line, no stdin.
 *
 * The script is loaded as CommonJS through tsx/cjs (so it must not use top-level await): that
 * takes about half the CPU time of `--import tsx`, whose ESM hooks run on a separate thread with a
 * round trip per module (measured here: 1.0 s against 1.9 s of CPU per child).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface WarmChild {
  /** Resolves once the child has loaded its modules and waits for its job. */
  readonly loaded: Promise<void>;
  /**
   * Sends the job; hands each line the child prints after that to `onLine` with a `kill` that
   * SIGKILLs it, and resolves once it is gone: `killed` when killed, otherwise it exited 0
   * (anything else rejects with its stderr).
   */
  run(job: unknown, onLine: (line: string, kill: () => void) => void): Promise<{ killed: boolean }>;
  /** SIGKILLs a child that was never given a job (the spare left at the end). */
  discard(): void;
}

export function startWarmChild(script: string): WarmChild {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '--eval', `require(${JSON.stringify(resolve(script))})`], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let buffered = '';
  let onLine: ((line: string) => void) | null = null;
  let markLoaded: () => void = () => undefined;
  const kill = () => {
    if (!child.killed) child.kill('SIGKILL');
  };
  const exited = new Promise<{ killed: boolean }>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true });
      else if (code === 0) resolve({ killed: false });
      else reject(new Error(`${script} exited by itself (code ${code}): ${stderr}`));
    });
  });
  // A spare that is discarded before it ran would otherwise leave this promise rejected unhandled.
  exited.catch(() => undefined);
  const loaded = new Promise<void>((resolve, reject) => {
    markLoaded = resolve;
    exited.then(() => reject(new Error(`${script} ended before it loaded: ${stderr}`)), reject);
  });
  loaded.catch(() => undefined);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'loaded') markLoaded();
      else onLine?.(line);
    }
  });
  // The child may be killed while the parent writes its job; that is the test's doing, not an error.
  child.stdin.on('error', () => undefined);
  return {
    loaded,
    async run(job, handler) {
      await loaded;
      onLine = (line) => handler(line, kill);
      child.stdin.end(`${JSON.stringify(job)}\n`);
      return exited;
    },
    discard: kill,
  };
}
