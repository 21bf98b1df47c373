/**
 * The counts of a long step (operations/jobs.ts, inline in the CLI) on one stderr line that
 * rewrites itself — only on a terminal: a script's stderr stays free of carriage returns.
 * "billing.recompute: 4,200 of 11,842", at most five times a second, then cleared.
 */
import type { JobOptions } from '../operations/jobs';

const REDRAW_EVERY_MS = 200;

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, nowMs: () => number = Date.now): JobOptions['onProgress'] {
  if (!stream.isTTY) return undefined;
  let lastDrawnMs = 0;
  return (operation, done, total) => {
    if (total === 0) return;
    if (done >= total) {
      stream.write('\r\x1b[K');
      lastDrawnMs = 0;
      return;
    }
    if (nowMs() - lastDrawnMs < REDRAW_EVERY_MS) return;
    lastDrawnMs = nowMs();
    stream.write(`\r\x1b[K${operation}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
  };
}
