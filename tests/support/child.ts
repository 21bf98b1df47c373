/**
 * Runs a TypeScript script in a child process (the crash tests' writers), hands each line it
 * prints to `onLine` with a `kill` that SIGKILLs it, and resolves once it is gone: `killed` when
 * the test killed it, otherwise it must have exited 0 (anything else rejects with its stderr).
 */
import { spawn } from 'node:child_process';

export function runChild(script: string, args: readonly string[], onLine: (line: string, kill: () => void) => void): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    const kill = () => {
      if (!child.killed) child.kill('SIGKILL');
    };
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine(line, kill);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true });
      else if (code === 0) resolve({ killed: false });
      else reject(new Error(`${script} exited by itself (code ${code}): ${stderr}`));
    });
  });
}
