/**
 * Benchmark plumbing: a temp office database, timing, percentiles and a result row format that
 * run.ts prints as one table. Benchmarks are plain scripts, not vitest tests: they need a quiet
 * machine and minutes, not a test runner's parallel workers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type OfficeDatabase } from '../../src-main/core/storage/database';

export interface BenchRow {
  benchmark: string;
  measure: string;
  value: number;
  unit: 'ms' | 's' | 'count';
  /** The value must be below this to pass; omitted for figures reported for information. */
  targetBelow?: number;
}

export interface Bench {
  name: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}

export const passes = (row: BenchRow) => row.targetBelow === undefined || row.value < row.targetBelow;

/** A migrated office database in a fresh temp folder, removed by `dispose`. */
export async function tempOffice(label: string): Promise<{ database: OfficeDatabase; dispose(): void }> {
  const folder = mkdtempSync(join(tmpdir(), `billing-office-bench-${label}-`));
  const database = await openDatabase(join(folder, 'office.sqlite'));
  return {
    database,
    dispose: () => {
      closeDatabase(database);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Milliseconds `work` took (monotonic clock). */
export function timeMs(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** Nearest-rank percentile (p in 0–100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);
