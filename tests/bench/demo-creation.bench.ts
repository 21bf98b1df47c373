/**
 * How long creating a 10,000-account demo district takes (users, customers, locations, meters,
 * services, 13 months of reads, a year of posted bill runs and bank-file payments, search index),
 * in a fresh database each time. CPU seconds are printed beside the wall clock: on a shared
 * machine the wall clock measures the neighbours too.
 * Target: median of three runs under 10 s.
 */
import { createDemoDistrict } from '../../src-main/core/demo';
import { median, tempOffice, timeMs, type Bench, type BenchRow } from './harness';

const ACCOUNTS = 10_000;
const RUNS = 3;
const TARGET_SECONDS = 10;
const NOW = '2026-11-02T17:00:00.000Z';

export const bench: Bench = {
  name: 'demo-creation',
  async run(log) {
    const seconds: number[] = [];
    const cpuSeconds: number[] = [];
    let reads = 0;
    let bills = 0;
    let payments = 0;
    for (let run = 1; run <= RUNS; run += 1) {
      const office = await tempOffice('demo');
      try {
        const cpuBefore = process.cpuUsage();
        const elapsedMs = timeMs(() => {
          const summary = createDemoDistrict(office.database.sqlite, { accountCount: ACCOUNTS, seed: 2026, nowIso: NOW });
          ({ reads } = summary);
          ({ bills, payments } = summary.history);
        });
        const cpu = process.cpuUsage(cpuBefore);
        seconds.push(elapsedMs / 1000);
        cpuSeconds.push((cpu.user + cpu.system) / 1e6);
        log(`run ${run}: ${(elapsedMs / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
      } finally {
        office.dispose();
      }
    }
    const rows: BenchRow[] = [
      { benchmark: 'demo-creation', measure: `${ACCOUNTS} accounts, median of ${RUNS}`, value: median(seconds), unit: 's', targetBelow: TARGET_SECONDS },
      { benchmark: 'demo-creation', measure: 'slowest run', value: Math.max(...seconds), unit: 's' },
      { benchmark: 'demo-creation', measure: 'CPU time, median', value: median(cpuSeconds), unit: 's' },
      { benchmark: 'demo-creation', measure: 'meter reads written per run', value: reads, unit: 'count' },
      { benchmark: 'demo-creation', measure: 'bills posted per run', value: bills, unit: 'count' },
      { benchmark: 'demo-creation', measure: 'payments posted per run', value: payments, unit: 'count' },
    ];
    return rows;
  },
};
